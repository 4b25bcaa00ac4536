package org.secc.ev.session.state;

import org.secc.ev.session.Action;
import org.secc.ev.session.Rational;
import org.secc.exi.iso20.ac.*;
import org.secc.exi.iso20.common.*;
import org.secc.exi.iso20.dc.*;
import org.secc.exi.iso20.types.*;

/** Waits for AC_/DC_ChargeParameterDiscoveryRes and keeps the EVSE limits; then ScheduleExchangeReq. */
public final class WaitChargeParameterDiscovery implements EvState {

    @Override
    public Phase phase() {
        return Phase.CPD;
    }

    @Override
    public Action onResponse(Object msg, long now, EvContext c) {
        if (!c.service.dc) {
            var ac = (AC_ChargeParameterDiscoveryResType) c.check(msg, "AC_ChargeParameterDiscoveryRes");
            if (ac == null) {
                return c.close("charge parameter discovery failed");
            }
            boolean bptRes = ac.AC_CPDResEnergyTransferModeGroup()
                    instanceof AC_ChargeParameterDiscoveryResType.AC_CPDResEnergyTransferModeGroup.BPT_AC_CPDResEnergyTransferMode;
            if (bptRes != c.service.bpt) {
                c.fail((bptRes ? "BPT" : "non-BPT") + " AC charge parameters in a " + c.service + " session");
            }
            return c.sendScheduleExchange();
        }
        var res = (DC_ChargeParameterDiscoveryResType) c.check(msg, "DC_ChargeParameterDiscoveryRes");
        if (res == null) {
            return c.close("charge parameter discovery failed");
        }
        var grp = res.DC_CPDResEnergyTransferModeGroup();
        if (grp instanceof DC_ChargeParameterDiscoveryResType.DC_CPDResEnergyTransferModeGroup.BPT_DC_CPDResEnergyTransferMode b) {
            if (!c.service.bpt) {
                c.fail("BPT charge parameters in a non-BPT session");
            }
            c.evseMaxCurrent = Rational.value(b.value().EVSEMaximumChargeCurrent());
            c.evseMaxDischargeCurrent = Math.abs(Rational.value(b.value().EVSEMaximumDischargeCurrent()));
            c.evseMaxVoltage = Rational.value(b.value().EVSEMaximumVoltage());
        } else if (grp instanceof DC_ChargeParameterDiscoveryResType.DC_CPDResEnergyTransferModeGroup.DC_CPDResEnergyTransferMode d) {
            if (c.service.bpt) {
                c.fail("non-BPT charge parameters in a DC_BPT session");
            }
            c.evseMaxCurrent = Rational.value(d.value().EVSEMaximumChargeCurrent());
            c.evseMaxDischargeCurrent = 0;
            c.evseMaxVoltage = Rational.value(d.value().EVSEMaximumVoltage());
        }
        if (c.evseMaxVoltage < c.battery.minVoltage()) {
            c.fail("EVSE maximum voltage " + c.evseMaxVoltage + " V below the battery's " + c.battery.minVoltage() + " V");
            return c.close("incompatible voltage");
        }
        return c.sendScheduleExchange();
    }
}
