package org.secc.app.session;

import java.util.ArrayList;
import java.util.List;

import org.secc.exi.iso20.common.ParameterSetType;
import org.secc.exi.iso20.common.ParameterType;

/**
 * One ParameterSet of an energy transfer service in ServiceDetailRes (ISO 15118-20, secc-app/README-session.md). BPT fields are
 * sent only for BPT services and EVSENominalVoltage only for AC services (secc-app/README-session.md, "Standard ambiguities"; Josev #428).
 *
 * @param controlMode       1 Scheduled, 2 Dynamic
 * @param mobilityNeedsMode 1 EVCC only, 2 EVCC and SECC (forced to 1 for Scheduled, as libiso)
 * @param pricing           0 none, 1 absolute, 2 price levels
 * @param bptChannel        1 Unified, 2 Separated (BPT services)
 * @param generatorMode     1 GridFollowing, 2 GridForming (BPT services)
 * @param nominalVoltage    volts (AC services)
 */
public record EnergyParameterSet(int id, int connector, int controlMode, int mobilityNeedsMode, int pricing,
        int bptChannel, int generatorMode, int nominalVoltage) {

    public static final int SCHEDULED = 1, DYNAMIC = 2;

    public EnergyParameterSet {
        if (id < 0 || id > 65535) throw new IllegalArgumentException("ParameterSetID out of uint16: " + id);
        if (controlMode != SCHEDULED && controlMode != DYNAMIC) throw new IllegalArgumentException("ControlMode 1|2: " + controlMode);
        if (controlMode == SCHEDULED) mobilityNeedsMode = 1;
    }

    public ParameterSetType toXml(int serviceId) {
        boolean bpt = serviceId == ServiceOffer.AC_BPT || serviceId == ServiceOffer.DC_BPT;
        boolean ac = serviceId == ServiceOffer.AC || serviceId == ServiceOffer.AC_BPT;
        List<ParameterType> p = new ArrayList<>();
        p.add(i("Connector", connector));
        p.add(i("ControlMode", controlMode));
        if (ac) p.add(i("EVSENominalVoltage", nominalVoltage));
        p.add(i("MobilityNeedsMode", mobilityNeedsMode));
        p.add(i("Pricing", pricing));
        if (bpt) {
            p.add(i("BPTChannel", bptChannel));
            p.add(i("GeneratorMode", generatorMode));
        }
        return new ParameterSetType(id, p);
    }

    private static ParameterType i(String name, int v) {
        return new ParameterType(name, new ParameterType.Choice.intValue(v));
    }

    /** Default sets: 1 = Scheduled, 2 = Dynamic; DC connector Extended (2), AC three phase (3, libiso). */
    public static List<EnergyParameterSet> defaults(int serviceId) {
        boolean ac = serviceId == ServiceOffer.AC || serviceId == ServiceOffer.AC_BPT;
        int connector = ac ? 3 : 2;
        return List.of(new EnergyParameterSet(1, connector, SCHEDULED, 1, 0, 1, 1, 230),
                new EnergyParameterSet(2, connector, DYNAMIC, 2, 0, 1, 1, 230));
    }
}
