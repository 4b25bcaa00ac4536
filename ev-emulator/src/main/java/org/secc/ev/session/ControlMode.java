package org.secc.ev.session;

/** ServiceDetail parameter ControlMode: 1 Scheduled, 2 Dynamic (ISO 15118-20, secc-app/README-session.md). */
public enum ControlMode {
    SCHEDULED(1), DYNAMIC(2);

    public final int code;

    ControlMode(int code) {
        this.code = code;
    }
}
