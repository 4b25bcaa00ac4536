package org.secc.app.session;

import java.util.List;

/**
 * The energy transfer services the SECC offers (ServiceIDs of facts 4.4: 1 AC, 2 DC, 5 AC_BPT,
 * 6 DC_BPT), in configured order, and whether service renegotiation is supported.
 */
public record ServiceOffer(List<Integer> energyServiceIds, boolean freeService, boolean renegotiationSupported) {

    public static final int AC = 1, DC = 2, AC_BPT = 5, DC_BPT = 6;

    public ServiceOffer {
        energyServiceIds = List.copyOf(energyServiceIds);
        if (energyServiceIds.isEmpty() || energyServiceIds.size() > 8) {
            throw new IllegalArgumentException("1..8 energy services must be offered");
        }
        for (int id : energyServiceIds) {
            if (id != AC && id != DC && id != AC_BPT && id != DC_BPT) {
                throw new IllegalArgumentException("unsupported energy service id " + id);
            }
        }
    }

    public static ServiceOffer dcBidirectional() {
        return new ServiceOffer(List.of(DC_BPT, DC), true, false);
    }
}
