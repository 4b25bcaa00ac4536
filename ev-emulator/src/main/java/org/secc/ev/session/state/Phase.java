package org.secc.ev.session.state;

/** Where the EV is: the response it waits for. Each value has its state class ({@link EvState#phase()}). */
public enum Phase {
        SAP, SESSION_SETUP, AUTH_SETUP, AUTH, SERVICE_DISCOVERY, SERVICE_DETAIL, SERVICE_SELECTION, CPD,
        SCHEDULE_EXCHANGE, CABLE_CHECK, PRE_CHARGE, POWER_DELIVERY_START, CHARGE_LOOP, POWER_DELIVERY_STOP,
        RENEGOTIATE, WELDING, SESSION_STOP, FAULT_PROBE, DONE
}
