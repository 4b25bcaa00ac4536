package org.secc.app.policy;

/**
 * Commands from the site controller or `secc ctl`. Each carries an id; a command whose id was already
 * handled changes nothing and gets the first result again.
 */
public sealed interface PolicyCommand {
    String id();

    /** Energy price now, per kWh. */
    record SetPrice(String id, double pricePerKwh) implements PolicyCommand {
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
}
