package org.secc.app.jit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.secc.exi.ExiCodec;
import org.secc.exi.ExiDocument;
import org.secc.exi.SchemaKind;

class SampleMessagesTest {

    @Test
    void coversEveryMessageOfEveryProtocolTheChargerServesAndEachRoundTrips() {
        List<SampleMessages.Sample> all = SampleMessages.all();
        for (SchemaKind k : List.of(SchemaKind.SAP, SchemaKind.COMMON, SchemaKind.DC, SchemaKind.AC, SchemaKind.ISO2, SchemaKind.DIN)) {
            Set<String> names = all.stream().filter(s -> s.kind() == k).map(SampleMessages.Sample::name).collect(Collectors.toCollection(TreeSet::new));
            System.out.println(k + " " + names.size() + " " + names);
        }
        for (var s : all) {
            ExiCodec c = ExiCodec.of(s.kind());
            ExiDocument d = c.decode(s.exi());
            assertEquals(c.toJson(new ExiDocument(c.rootOf(s.message()), s.message())), c.toJson(d), s.name());
        }
        assertTrue(all.size() > 0);
    }
}
