package org.secc.exi;

/**
 * One EXI document or fragment: the root element's XSD name and its value (a generated record, or a
 * String / byte[] / boxed number for the few simple-typed global elements).
 */
public record ExiDocument(String root, Object value) {
    public ExiDocument {
        java.util.Objects.requireNonNull(root, "root");
        java.util.Objects.requireNonNull(value, "value");
    }
}
