package org.secc.ev.session;

/**
 * The -20 energy transfer services this emulator runs, with their ServiceIDs (facts 4.4). AC and AC_BPT
 * (IDs 1 and 5) are not implemented in this build.
 */
public enum Service {
    DC(2, false), DC_BPT(6, true);

    public final int id;
    public final boolean bpt;

    Service(int id, boolean bpt) {
        this.id = id;
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
