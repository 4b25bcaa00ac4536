package org.secc.ocpp.devicemodel;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * The station's device model (B05–B08): the components and variables of the Core certification profile
 * (OCPPCommCtrlr, TxCtrlr, DeviceDataCtrlr, ClockCtrlr, SecurityCtrlr, SampledDataCtrlr, AlignedDataCtrlr,
 * AuthCtrlr), SmartChargingCtrlr, ISO15118Ctrlr and the 2.1 V2XChargingCtrlr, with the names of the
 * device-model appendix (dm_components_vars.csv). Only the Actual attribute is kept.
 */
public final class DeviceModel {

    public enum Mutability { READ_ONLY, READ_WRITE, WRITE_ONLY }

    /** One variable: value, mutability and the check a new value must pass. */
    public static final class Variable {
        private String value;
        private final Mutability mutability;
        private final Predicate<String> valid;

        Variable(String value, Mutability mutability, Predicate<String> valid) {
            this.value = value;
            this.mutability = mutability;
            this.valid = valid;
        }

        public String value() { return value; }

        public Mutability mutability() { return mutability; }
    }

    /** Result of a GetVariables/SetVariables element, in the schema's status names. */
    public record Outcome(String status, String value) {}

    private final Map<String, Variable> vars = new LinkedHashMap<>();

    public static String key(String component, Integer evseId, String variable, String instance) {
        return component + (evseId == null ? "" : "@" + evseId) + "." + variable + (instance == null ? "" : "[" + instance + "]");
    }

    public void define(String component, Integer evseId, String variable, String instance, String value, Mutability m, Predicate<String> valid) {
        vars.put(key(component, evseId, variable, instance), new Variable(value, m, valid));
    }

    public void define(String component, String variable, String value, Mutability m) {
        define(component, null, variable, null, value, m, v -> true);
    }

    public boolean knowsComponent(String component) {
        String prefix = component;
        for (String k : vars.keySet()) if (k.startsWith(prefix + ".") || k.startsWith(prefix + "@")) return true;
        return false;
    }

    /** B06: Actual only; WriteOnly variables are Rejected (the basic-auth password is never read back). */
    public Outcome get(String component, Integer evseId, String variable, String instance, String attributeType) {
        Variable v = vars.get(key(component, evseId, variable, instance));
        if (v == null && evseId != null) v = vars.get(key(component, null, variable, instance));
        if (v == null) return new Outcome(knowsComponent(component) ? "UnknownVariable" : "UnknownComponent", null);
        if (attributeType != null && !"Actual".equals(attributeType)) return new Outcome("NotSupportedAttributeType", null);
        if (v.mutability == Mutability.WRITE_ONLY) return new Outcome("Rejected", null);
        return new Outcome("Accepted", v.value);
    }

    /** B05: read-only → Rejected; a value of the wrong format or range → Rejected (B05.FR.07/08). */
    public Outcome set(String component, Integer evseId, String variable, String instance, String attributeType, String value) {
        Variable v = vars.get(key(component, evseId, variable, instance));
        if (v == null && evseId != null) v = vars.get(key(component, null, variable, instance));
        if (v == null) return new Outcome(knowsComponent(component) ? "UnknownVariable" : "UnknownComponent", null);
        if (attributeType != null && !"Actual".equals(attributeType)) return new Outcome("NotSupportedAttributeType", null);
        if (v.mutability == Mutability.READ_ONLY || !v.valid.test(value)) return new Outcome("Rejected", null);
        v.value = value;
        return new Outcome("Accepted", value);
    }

    public Optional<String> value(String component, String variable, String instance) {
        Variable v = vars.get(key(component, null, variable, instance));
        return v == null ? Optional.empty() : Optional.ofNullable(v.value);
    }

    public int intValue(String component, String variable, String instance, int fallback) {
        try {
            return value(component, variable, instance).map(Integer::parseInt).orElse(fallback);
        } catch (NumberFormatException e) {
            return fallback;
        }
    }

    /** Internal updates (e.g. HeartbeatInterval from the BootNotification response, B01.FR.04). */
    public void put(String component, String variable, String instance, String value) {
        Variable v = vars.get(key(component, null, variable, instance));
        if (v != null) v.value = value;
    }

    public static Predicate<String> nonNegativeInt() {
        return s -> s.matches("\\d{1,9}");
    }

    public static Predicate<String> bool() {
        return s -> s.equals("true") || s.equals("false");
    }
}
