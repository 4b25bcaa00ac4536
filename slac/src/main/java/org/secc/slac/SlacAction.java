package org.secc.slac;

import java.util.Arrays;
import org.secc.slac.mme.HomePlugFrame;

/** What a SLAC state machine asks its edge to do, or reports to the layer above. */
public sealed interface SlacAction {
    /** Send this frame on the PLC interface. */
    record Send(HomePlugFrame frame) implements SlacAction {
    }

    /** The local modem confirmed the key: it now runs the logical network of this NMK/NID. */
    record ModemKeyed(byte[] nmk, long nid, int result) implements SlacAction {
    }

    /** CM_SLAC_MATCH exchanged: the peer has the NMK and NID and is joining the network. */
    record Matched(MacAddress peer, byte[] nmk, long nid) implements SlacAction {
        @Override
        public byte[] nmk() {
            return nmk.clone();
        }

        @Override
        public String toString() {
            return "Matched[peer=" + peer + ", nmk=" + java.util.HexFormat.of().formatHex(nmk) + ", nid=" + Keys.nidHex(nid) + "]";
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Matched m && m.peer.equals(peer) && Arrays.equals(m.nmk, nmk) && m.nid == nid;
        }

        @Override
        public int hashCode() {
            return peer.hashCode() * 31 + Long.hashCode(nid);
        }
    }

    /** The local modem reports the logical network formed with the peer: IP traffic can flow (D-LINK_READY). */
    record LinkReady(MacAddress peer) implements SlacAction {
    }

    /** The modem lost the logical network after it had formed (D-LINK_ERROR). */
    record LinkLost(MacAddress peer) implements SlacAction {
    }

    /** One matching attempt failed; the machine is waiting again for a new attempt. */
    record AttemptFailed(String reason) implements SlacAction {
    }

    /** No matching started within TT_EVSE_SLAC_init after plug-in: the control pilot layer decides (E/F retry). */
    record InitTimeout() implements SlacAction {
    }

    /** Unrecoverable (e.g. the modem never confirmed a key). */
    record Failed(String reason) implements SlacAction {
    }
}
