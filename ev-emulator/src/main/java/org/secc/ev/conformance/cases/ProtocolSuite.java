package org.secc.ev.conformance.cases;

import java.util.List;
import java.util.Optional;

/**
 * The cases of one protocol that SupportedAppProtocol can select. ISO 15118-20 is built; DIN SPEC 70121
 * and ISO 15118-2 plug in here as further implementations when their emulator sessions exist.
 */
public interface ProtocolSuite {
    /** {@code iso20}, {@code iso2} or {@code din} as on the command line. */
    String protocol();

    List<ConformanceCase> cases();

    /** The suite of a protocol, or empty when no cases exist for it yet. */
    static Optional<ProtocolSuite> of(String protocol) {
        return switch (protocol) {
            case "iso20" -> Optional.of(Iso20Suite.INSTANCE);
            default -> Optional.empty();
        };
    }
}
