package org.secc.slac.evse;

/** The states of {@link EvseSlac}, ISO terms in brackets: [Unmatched] → [Matching] → [Matched]. */
final class EvseStates {
    private EvseStates() {
    }

    static final EvseState KEYING = new Keying();
    static final EvseState MODEM_ERROR = new ModemError();
    static final EvseState UNPLUGGED = new Unplugged();
    static final EvseState WAIT_PARM = new WaitingForParm();
    static final EvseState WAIT_START_ATTEN = new WaitingForStartAtten();
    static final EvseState SOUNDING = new Sounding();
    static final EvseState WAIT_ATTEN_RSP = new WaitingForAttenCharRsp();
    static final EvseState WAIT_MATCH = new WaitingForMatch();
    static final EvseState JOINING = new Joining();
    static final EvseState LINK_UP = new LinkUp();
}
