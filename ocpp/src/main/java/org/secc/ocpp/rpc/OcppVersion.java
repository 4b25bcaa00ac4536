package org.secc.ocpp.rpc;

import java.util.Optional;

/** The OCPP versions the station speaks, in the order it offers them (OCPP-J 2.1 §3.1.2: preference order). */
public enum OcppVersion {
    OCPP21("ocpp2.1", "ocpp21"),
    OCPP201("ocpp2.0.1", "ocpp201");

    private final String subprotocol;
    private final String schemaFolder;

    OcppVersion(String subprotocol, String schemaFolder) {
        this.subprotocol = subprotocol;
        this.schemaFolder = schemaFolder;
    }

    /** The IANA-registered WebSocket subprotocol name. */
    public String subprotocol() { return subprotocol; }

    /** Folder of the official schemas on the classpath (under {@code org/secc/ocpp/schemas}). */
    String schemaFolder() { return schemaFolder; }

    private volatile java.util.Set<String> actions;

    /** Every action the version defines (the official schemas' message names; rpc/actions-*.txt, checked by SchemaValidatorTest). */
    public java.util.Set<String> actions() {
        java.util.Set<String> a = actions;
        if (a == null) {
            try (java.io.InputStream in = OcppVersion.class.getResourceAsStream("actions-" + schemaFolder + ".txt")) {
                if (in == null) throw new IllegalStateException("actions-" + schemaFolder + ".txt missing from the jar");
                a = java.util.Set.copyOf(new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).lines()
                        .map(String::strip).filter(l -> !l.isEmpty()).toList());
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            actions = a;
        }
        return a;
    }

    public static Optional<OcppVersion> ofSubprotocol(String name) {
        for (OcppVersion v : values()) if (v.subprotocol.equals(name)) return Optional.of(v);
        return Optional.empty();
    }
}
