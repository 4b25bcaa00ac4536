package org.secc.ev.session;

/** The -20 energy transfer services the emulator runs, with their ServiceIDs (ISO 15118-20, secc-app/README-session.md). */
public enum Service {
    DC(2, true, false), DC_BPT(6, true, true), AC(1, false, false), AC_BPT(5, false, true);

    public final int id;
    public final boolean dc;
    public final boolean bpt;

    Service(int id, boolean dc, boolean bpt) {
        this.id = id;
        this.dc = dc;
        this.bpt = bpt;
    }

    public static Service ofId(int id) {
        for (Service s : values()) {
            if (s.id == id) {
                return s;
            }
        }
        return null;
    }
}
