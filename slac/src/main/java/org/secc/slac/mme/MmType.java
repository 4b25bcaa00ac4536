package org.secc.slac.mme;

/**
 * HomePlug AV management message types used by SLAC and the QCA7000 host interface (HomePlug AV 1.1 and ISO 15118-3, slac/README.md).
 * The low two bits give the kind: 0 REQ, 1 CNF, 2 IND, 3 RSP.
 */
public final class MmType {
    private MmType() {
    }

    public static final int CM_SET_KEY_REQ = 0x6008;
    public static final int CM_SET_KEY_CNF = 0x6009;
    public static final int CM_AMP_MAP_REQ = 0x601C;
    public static final int CM_AMP_MAP_CNF = 0x601D;
    public static final int CM_SLAC_PARM_REQ = 0x6064;
    public static final int CM_SLAC_PARM_CNF = 0x6065;
    public static final int CM_START_ATTEN_CHAR_IND = 0x606A;
    public static final int CM_ATTEN_CHAR_IND = 0x606E;
    public static final int CM_ATTEN_CHAR_RSP = 0x606F;
    public static final int CM_MNBC_SOUND_IND = 0x6076;
    public static final int CM_VALIDATE_REQ = 0x6078;
    public static final int CM_VALIDATE_CNF = 0x6079;
    public static final int CM_SLAC_MATCH_REQ = 0x607C;
    public static final int CM_SLAC_MATCH_CNF = 0x607D;
    public static final int CM_ATTEN_PROFILE_IND = 0x6086;
    public static final int VS_SW_VER_REQ = 0xA000;
    public static final int VS_SW_VER_CNF = 0xA001;
    public static final int VS_RS_DEV_REQ = 0xA01C;
    public static final int VS_RS_DEV_CNF = 0xA01D;
    public static final int VS_PL_LINK_STATUS_REQ = 0xA0B8;
    public static final int VS_PL_LINK_STATUS_CNF = 0xA0B9;

    /** Vendor-specific (QCA) messages carry MMV 0, no FMI and the OUI 00 B0 52. */
    public static boolean isVendor(int mmType) {
        return (mmType & 0xE000) == 0xA000;
    }

    public static String name(int mmType) {
        return switch (mmType) {
            case CM_SET_KEY_REQ -> "CM_SET_KEY.REQ";
            case CM_SET_KEY_CNF -> "CM_SET_KEY.CNF";
            case CM_AMP_MAP_REQ -> "CM_AMP_MAP.REQ";
            case CM_AMP_MAP_CNF -> "CM_AMP_MAP.CNF";
            case CM_SLAC_PARM_REQ -> "CM_SLAC_PARM.REQ";
            case CM_SLAC_PARM_CNF -> "CM_SLAC_PARM.CNF";
            case CM_START_ATTEN_CHAR_IND -> "CM_START_ATTEN_CHAR.IND";
            case CM_ATTEN_CHAR_IND -> "CM_ATTEN_CHAR.IND";
            case CM_ATTEN_CHAR_RSP -> "CM_ATTEN_CHAR.RSP";
            case CM_MNBC_SOUND_IND -> "CM_MNBC_SOUND.IND";
            case CM_VALIDATE_REQ -> "CM_VALIDATE.REQ";
            case CM_VALIDATE_CNF -> "CM_VALIDATE.CNF";
            case CM_SLAC_MATCH_REQ -> "CM_SLAC_MATCH.REQ";
            case CM_SLAC_MATCH_CNF -> "CM_SLAC_MATCH.CNF";
            case CM_ATTEN_PROFILE_IND -> "CM_ATTEN_PROFILE.IND";
            case VS_SW_VER_REQ -> "VS_SW_VER.REQ";
            case VS_SW_VER_CNF -> "VS_SW_VER.CNF";
            case VS_RS_DEV_REQ -> "VS_RS_DEV.REQ";
            case VS_RS_DEV_CNF -> "VS_RS_DEV.CNF";
            case VS_PL_LINK_STATUS_REQ -> "VS_PL_LINK_STATUS.REQ";
            case VS_PL_LINK_STATUS_CNF -> "VS_PL_LINK_STATUS.CNF";
            default -> String.format("MMTYPE 0x%04X", mmType);
        };
    }
}
