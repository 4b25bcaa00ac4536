package org.secc.ev.session;

/** ServiceDetail parameter ControlMode: 1 Scheduled, 2 Dynamic (facts 4.4). */
public enum ControlMode {
    SCHEDULED(1), DYNAMIC(2);

    public final int code;

    ControlMode(int code) {
        this.code = code;
    }
}
