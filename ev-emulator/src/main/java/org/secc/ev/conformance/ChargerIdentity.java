package org.secc.ev.conformance;

import java.util.List;

/**
 * Who answered: the charger's SupportedAppProtocol answers to a -20 DC and a -20 AC offer, its EVSEID,
 * the energy services and value-added services it offers, whether it allows service renegotiation,
 * and the TLS parameters where TLS is used. Found by a valid session prefix before the cases run.
 */
public record ChargerIdentity(String sapDc, String sapAc, String evseId, List<Integer> energyServices, List<Integer> vas,
                              boolean serviceRenegotiation, String tls) {
    public static final ChargerIdentity UNKNOWN = new ChargerIdentity("?", "?", "?", List.of(), List.of(), false, "");

    public boolean offers(int serviceId) {
        return energyServices.contains(serviceId);
    }
}
