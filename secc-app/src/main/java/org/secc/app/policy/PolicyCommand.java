package org.secc.app.policy;

/**
 * Commands from the local operator ({@code secc ctl}), the site controller (MQTT) or the CSMS (OCPP):
 * the one command path into the {@link PolicyEngine}. Each carries an id; the engine remembers ids per
 * {@link CommandSource}, and a command whose id that source already used changes nothing and gets the
 * first result again. Precedence of what they set: secc-app/README-grid.md, "Precedence".
 */
public sealed interface PolicyCommand {
    String id();

    /**
     * Energy price now, per kWh, valid for {@code validityS} seconds (NaN = until the next price). A
     * price that lapses unrenewed is forgotten and its source goes charge-only, like a lapsed limit
     * (secc-app/README-grid.md, "Precedence").
     */
    record SetPrice(String id, double pricePerKwh, double validityS) implements PolicyCommand {
        /** A price without an end (the local operator's {@code secc ctl price}). */
        public SetPrice(String id, double pricePerKwh) {
            this(id, pricePerKwh, Double.NaN);
        }
    }

    /** Discharge at up to powerW regardless of price, crossing the SOC reserve but never the hard floor. */
    record ForceDischarge(String id, double powerW) implements PolicyCommand {
    }

    /** Fixed mode and power (CHARGE, DISCHARGE or IDLE) regardless of price; all safety limits still apply. */
    record Manual(String id, Mode mode, double powerW) implements PolicyCommand {
    }

    /** Back to automatic (ends Manual and ForceDischarge). */
    record Auto(String id) implements PolicyCommand {
    }

    /** Both limits to zero until reset. */
    record EmergencyStop(String id) implements PolicyCommand {
    }

    record ResetEmergencyStop(String id) implements PolicyCommand {
    }

    /**
     * Site import and export limits at this charger's grid connection (W, NaN = no limit in that
     * direction; at least one is given), valid for {@code validityS} seconds. Replaces the source's
     * previous limits. When it lapses unrenewed: charge-only fail-safe (see {@link ExternalLimit}).
     */
    record SetLimits(String id, double importLimitW, double exportLimitW, double validityS, String reason)
            implements PolicyCommand {
    }

    /**
     * A dispatch setpoint, signed (positive = charge the EV, negative = discharge, 0 = idle), valid for
     * {@code validityS} seconds; every safety, SOC and site limit still applies. Replaces the source's
     * previous setpoint. When it lapses unrenewed: charge-only fail-safe (see {@link ExternalLimit}).
     */
    record Dispatch(String id, double setpointW, double validityS, String reason) implements PolicyCommand {
    }

    /**
     * Ends the source's limits, setpoint and a lapse fail-safe; from the local operator ({@link CommandSource#CTL})
     * it ends those of every source.
     */
    record ClearLimits(String id) implements PolicyCommand {
    }
}
