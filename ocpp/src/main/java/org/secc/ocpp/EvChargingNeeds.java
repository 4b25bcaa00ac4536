package org.secc.ocpp;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What the car asked for in its ISO 15118-20 schedule exchange, for NotifyEVChargingNeeds (K15/K18/K19, Q01.FR.03).
 * Powers are non-negative magnitudes in W (the discharge ones too, as on the wire); energy requests are signed Wh
 * (S21 V2XChargingParametersType); null where the car said nothing.
 *
 * @param sequence                 grows with every new schedule exchange of the charger's session
 * @param received                 when the car sent it (the 2.1 {@code timestamp} if it goes out later, K15.FR.20)
 * @param requestedEnergyTransfer  the negotiated 2.1 EnergyTransferMode, e.g. DC_BPT
 * @param availableEnergyTransfer  what the charger and car could do (2.1)
 * @param dynamic                  -20 Dynamic control mode (else Scheduled)
 * @param maxScheduleTuples        the car's MaximumSupportingPoints
 */
public record EvChargingNeeds(long sequence, Instant received, String requestedEnergyTransfer, List<String> availableEnergyTransfer,
                              boolean dynamic, Instant departureTime, Integer maxScheduleTuples, Double maxChargePowerW,
                              Double maxDischargePowerW, Double targetEnergyWh, Double minEnergyWh, Double maxEnergyWh,
                              Double minV2xEnergyWh, Double maxV2xEnergyWh, Integer targetSoc) {

    public EvChargingNeeds {
        availableEnergyTransfer = List.copyOf(availableEnergyTransfer);
    }

    /** The same needs (only the sequence and the time differ): a renegotiation the charger asked for (K16.FR.09). */
    public boolean sameNeeds(EvChargingNeeds o) {
        return o != null && requestedEnergyTransfer.equals(o.requestedEnergyTransfer) && availableEnergyTransfer.equals(o.availableEnergyTransfer)
                && dynamic == o.dynamic && Objects.equals(departureTime, o.departureTime) && Objects.equals(maxChargePowerW, o.maxChargePowerW)
                && Objects.equals(maxDischargePowerW, o.maxDischargePowerW) && Objects.equals(targetEnergyWh, o.targetEnergyWh)
                && Objects.equals(minEnergyWh, o.minEnergyWh) && Objects.equals(maxEnergyWh, o.maxEnergyWh)
                && Objects.equals(minV2xEnergyWh, o.minV2xEnergyWh) && Objects.equals(maxV2xEnergyWh, o.maxV2xEnergyWh)
                && Objects.equals(targetSoc, o.targetSoc);
    }
}
