package org.secc.ev.conformance.cases;

import java.util.List;
import java.util.Optional;

/**
 * The cases of one protocol that SupportedAppProtocol can select: ISO 15118-20, DIN SPEC 70121 and
 * ISO 15118-2 (DC).
 */
public interface ProtocolSuite {
    /** {@code iso20}, {@code iso2} or {@code din} as on the command line. */
    String protocol();

    List<ConformanceCase> cases();

    /** Who answers: the identity probe before the cases run, in this protocol. */
    default org.secc.ev.conformance.ChargerIdentity identify(org.secc.ev.conformance.SuiteRunner runner) {
        return runner.identify();
    }

    /** The suite of a protocol, or empty for an unknown name. */
    static Optional<ProtocolSuite> of(String protocol) {
        return switch (protocol) {
            case "iso20" -> Optional.of(Iso20Suite.INSTANCE);
            case "din" -> Optional.of(DinSuite.INSTANCE);
            case "iso2" -> Optional.of(Iso2Suite.INSTANCE);
            default -> Optional.empty();
        };
    }
}
