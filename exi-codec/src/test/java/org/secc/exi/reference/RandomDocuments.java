package org.secc.exi.reference;

import org.secc.exi.ExiDocument;
import org.secc.exi.SchemaKind;
import org.secc.exi.codec.AcCodecReference;
import org.secc.exi.codec.AcdpCodecReference;
import org.secc.exi.codec.CommonCodecReference;
import org.secc.exi.codec.CommonFragCodecReference;
import org.secc.exi.codec.DcCodecReference;
import org.secc.exi.codec.SapCodecReference;
import org.secc.exi.codec.WptCodecReference;
import org.secc.exi.codec.XmldsigFragCodecReference;
import org.secc.exi.runtime.RandomSource;

/** Random schema-valid documents (facets respected; wildcard content left out) for the differential tests. */
public final class RandomDocuments {
    private RandomDocuments() {
    }

    public static ExiDocument of(SchemaKind kind, String root, RandomSource r) {
        Object v = switch (kind) {
            case SAP -> SapCodecReference.random(root, r);
            case COMMON -> CommonCodecReference.random(root, r);
            case DC -> DcCodecReference.random(root, r);
            case AC -> AcCodecReference.random(root, r);
            case ACDP -> AcdpCodecReference.random(root, r);
            case WPT -> WptCodecReference.random(root, r);
            case COMMON_FRAG -> CommonFragCodecReference.random(root, r);
            case XMLDSIG_FRAG -> XmldsigFragCodecReference.random(root, r);
            case DIN -> org.secc.exi.codec.DinCodecReference.random(root, r);
            case ISO2 -> org.secc.exi.codec.Iso2CodecReference.random(root, r);
        };
        return new ExiDocument(root, v);
    }
}
