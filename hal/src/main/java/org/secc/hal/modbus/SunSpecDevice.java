package org.secc.hal.modbus;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A SunSpec device after discovery, with the point maps this module ships for model 1 (Common), the
 * meters 201–204, and the DER models 701 (AC measurement), 702 (capacity) and 704 (AC controls).
 * The shipped maps ({@code sunspec/<id>.map}, offsets relative to the model) are moved to where the
 * device has the model, so a SunSpec device works without writing a map.
 */
public final class SunSpecDevice {
    /** Model lengths the shipped maps are written for (model 1: 65 without Pad, 66 with). */
    private static final Map<Integer, List<Integer>> LENGTHS = Map.of(1, List.of(65, 66), 201, List.of(105),
            202, List.of(105), 203, List.of(105), 204, List.of(105), 701, List.of(153), 702, List.of(50),
            704, List.of(65));
    /** Meter models in the order a grid meter is looked for: three phase first. */
    private static final int[] METERS = {203, 204, 202, 201};

    /** What model 1 says about the device. */
    public record Identity(String manufacturer, String model, String version, String serialNumber) { }

    /** Charge/discharge ratings from model 702, watts (NaN when the device does not tell). */
    public record Ratings(double maxChargeW, double maxDischargeW) { }

    private final RegisterBus bus;
    private final List<SunSpec.Model> models;

    private SunSpecDevice(RegisterBus bus, List<SunSpec.Model> models) {
        this.bus = bus;
        this.models = models;
    }

    /** Finds the SunSpec marker and walks the model chain. */
    public static SunSpecDevice discover(RegisterBus bus) throws IOException {
        return new SunSpecDevice(bus, List.copyOf(SunSpec.models(bus)));
    }

    public List<SunSpec.Model> models() {
        return models;
    }

    public boolean has(int id) {
        return models.stream().anyMatch(m -> m.id() == id);
    }

    /** The shipped map of model {@code id}, at the device's address of its first instance. */
    public RegisterMap map(int id) throws IOException {
        SunSpec.Model m = models.stream().filter(x -> x.id() == id).findFirst()
                .orElseThrow(() -> new IOException("SunSpec device has no model " + id + "; it has " + ids()));
        List<Integer> lengths = LENGTHS.get(id);
        if (lengths == null) {
            throw new IllegalArgumentException("no shipped map for SunSpec model " + id + "; shipped: "
                    + LENGTHS.keySet().stream().sorted().toList());
        }
        if (!lengths.contains(m.length())) {
            throw new IOException("SunSpec model " + id + " at " + m.address() + " has length " + m.length()
                    + "; the shipped map is for length " + lengths.get(lengths.size() - 1));
        }
        String file = id >= 201 && id <= 204 ? "sunspec/20x.map" : "sunspec/" + id + ".map";
        return RegisterMap.resource(file).rebase(m.address());
    }

    public Identity identity() throws IOException {
        RegisterMap c = map(1);
        return new Identity(c.readString(bus, "Mn"), c.readString(bus, "Md"), c.readString(bus, "Vr"),
                c.readString(bus, "SN"));
    }

    /** Ratings from model 702, if the device has it. */
    public Optional<Ratings> ratings() throws IOException {
        if (!has(702)) {
            return Optional.empty();
        }
        Map<String, Double> r = map(702).readAll(bus, List.of("WChaRteMaxRtg", "WDisChaRteMaxRtg"));
        return Optional.of(new Ratings(r.get("WChaRteMaxRtg"), r.get("WDisChaRteMaxRtg")));
    }

    /**
     * The points {@link ModbusPowerStage} drives, on a DER with models 704 and 701: {@code enable} =
     * WSetEna, {@code power_setpoint_mode} = WSetMod (written 1, watts), {@code power_setpoint_w} =
     * −WSet, {@code grid_power_w} and {@code present_power_w} = −W (AC side; the DER counts injection
     * as positive, this project counts charging the EV as positive), {@code fault_code} = Alrm.
     * The DER models carry no DC voltage or current, so those read as NaN.
     */
    public RegisterMap powerStageMap() throws IOException {
        RegisterMap m = RegisterMap.merge(map(704).prefixed("704."), map(701).prefixed("701."));
        return m.alias("enable", "704.WSetEna", false)
                .alias("power_setpoint_mode", "704.WSetMod", false)
                .alias("power_setpoint_w", "704.WSet", true)
                .alias("present_power_w", "701.W", true)
                .alias("grid_power_w", "701.W", true)
                .alias("fault_code", "701.Alrm", false);
    }

    /**
     * The points {@link ModbusGridMonitor} reads: {@code frequency_hz}, {@code voltage_l1_v} …
     * {@code voltage_l3_v} (line to neutral), from the first meter model (203, 204, 202, 201) or
     * else from model 701.
     */
    public RegisterMap meterMap() throws IOException {
        for (int id : METERS) {
            if (has(id)) {
                return map(id).alias("frequency_hz", "Hz", false).alias("voltage_l1_v", "PhVphA", false)
                        .alias("voltage_l2_v", "PhVphB", false).alias("voltage_l3_v", "PhVphC", false);
            }
        }
        if (has(701)) {
            return map(701).alias("frequency_hz", "Hz", false).alias("voltage_l1_v", "VL1", false)
                    .alias("voltage_l2_v", "VL2", false).alias("voltage_l3_v", "VL3", false);
        }
        throw new IOException("SunSpec device has no meter model (201-204) and no DER measurement (701); it has " + ids());
    }

    private List<Integer> ids() {
        return models.stream().map(SunSpec.Model::id).toList();
    }
}
