package org.secc.app.session;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The energy transfer services the SECC offers (ServiceIDs of ISO 15118-20: 1 AC, 2 DC, 5 AC_BPT,
 * 6 DC_BPT) in configured order, each with its parameter sets, and whether service renegotiation
 * is supported.
 */
public record ServiceOffer(Map<Integer, List<EnergyParameterSet>> services, boolean freeService, boolean renegotiationSupported) {

    public static final int AC = 1, DC = 2, AC_BPT = 5, DC_BPT = 6;

    public ServiceOffer {
        services = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(services));
        if (services.isEmpty() || services.size() > 8) {
            throw new IllegalArgumentException("1..8 energy services must be offered");
        }
        services.forEach((id, sets) -> {
            if (id != AC && id != DC && id != AC_BPT && id != DC_BPT) {
                throw new IllegalArgumentException("unsupported energy service id " + id);
            }
            if (sets.isEmpty() || sets.size() > 32) {
                throw new IllegalArgumentException("service " + id + " needs 1..32 parameter sets");
            }
        });
    }

    public List<Integer> energyServiceIds() {
        return List.copyOf(services.keySet());
    }

    public Optional<EnergyParameterSet> parameterSet(int serviceId, int parameterSetId) {
        return services.getOrDefault(serviceId, List.of()).stream().filter(p -> p.id() == parameterSetId).findFirst();
    }

    /** Offers the given services with the default parameter sets. */
    public static ServiceOffer of(boolean renegotiationSupported, int... serviceIds) {
        Map<Integer, List<EnergyParameterSet>> m = new LinkedHashMap<>();
        for (int id : serviceIds) {
            m.put(id, EnergyParameterSet.defaults(id));
        }
        return new ServiceOffer(m, true, renegotiationSupported);
    }

    public static ServiceOffer dcBidirectional() {
        return of(false, DC_BPT, DC);
    }
}
