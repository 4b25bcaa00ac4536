package org.secc.exi;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.secc.common.json.Json;

/** The shared EXI vectors (classpath /vectors/exi/), read through manifest.tsv. */
final class Vectors {
    record Vector(String name, SchemaKind kind, byte[] exi, Map<String, Object> document) {
        @Override
        public String toString() {
            return name;
        }
    }

    private Vectors() {
    }

    static String resource(String name) {
        try (InputStream in = Vectors.class.getResourceAsStream("/vectors/exi/" + name)) {
            if (in == null) {
                throw new IllegalStateException("missing vector resource " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @SuppressWarnings("unchecked")
    static List<Vector> all() {
        List<Vector> l = new ArrayList<>();
        String[] lines = resource("manifest.tsv").split("\n");
        for (int i = 1; i < lines.length; i++) {
            if (lines[i].isBlank()) {
                continue;
            }
            String[] c = lines[i].split("\t");
            String name = c[0];
            Map<String, Object> json = (Map<String, Object>) Json.parse(resource(name + ".json"));
            byte[] exi = HexFormat.of().parseHex(resource(name + ".exi.hex").trim());
            l.add(new Vector(name, SchemaKind.of(c[1]), exi, (Map<String, Object>) json.get("document")));
        }
        return l;
    }
}
