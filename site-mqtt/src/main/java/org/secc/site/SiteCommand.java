package org.secc.site;

/**
 * A command from the site controller, decoded from {@code <prefix>/cmd/<verb>}. Every command carries
 * the idempotency id of the payload; the charger applies an id once (site-mqtt/README.md, "Commands").
 * Powers in W, signed where named so (positive = charge the EV, negative = discharge).
 */
public sealed interface SiteCommand {
    String id();

    /** The topic verb of this command. */
    String verb();

    /** A price per kWh, valid for {@code validityS} seconds; past it the price lapses (README, "Commands"). */
    record Price(String id, double perKwh, double validityS) implements SiteCommand {
        public String verb() {
            return "price";
        }
    }

    /** Site import/export limits at this charger's connection; NaN = no limit in that direction. */
    record Limits(String id, double importLimitW, double exportLimitW, double validityS, String reason) implements SiteCommand {
        public String verb() {
            return "limits";
        }
    }

    record Dispatch(String id, double setpointW, double validityS, String reason) implements SiteCommand {
        public String verb() {
            return "dispatch";
        }
    }

    record ClearLimits(String id) implements SiteCommand {
        public String verb() {
            return "clear-limits";
        }
    }

    record ForceDischarge(String id, double powerW) implements SiteCommand {
        public String verb() {
            return "force-discharge";
        }
    }

    /** mode: charge, discharge or idle. */
    record Manual(String id, String mode, double powerW) implements SiteCommand {
        public String verb() {
            return "manual";
        }
    }

    record Auto(String id) implements SiteCommand {
        public String verb() {
            return "auto";
        }
    }

    record EmergencyStop(String id) implements SiteCommand {
        public String verb() {
            return "emergency-stop";
        }
    }

    record ResetEmergencyStop(String id) implements SiteCommand {
        public String verb() {
            return "reset-emergency-stop";
        }
    }

    record ClearTrip(String id) implements SiteCommand {
        public String verb() {
            return "clear-trip";
        }
    }

    record Reload(String id) implements SiteCommand {
        public String verb() {
            return "reload";
        }
    }

    record Heartbeat(String id) implements SiteCommand {
        public String verb() {
            return "heartbeat";
        }
    }
}
