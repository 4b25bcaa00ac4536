package org.secc.app.session.state;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import org.secc.app.charge.ChargingNeeds;
import org.secc.app.charge.DcLimits;
import org.secc.app.session.Action;
import org.secc.app.session.EnergyParameterSet;
import org.secc.app.session.RationalNumbers;
import org.secc.app.session.Tariff;
import org.secc.exi.iso20.common.AbsolutePriceScheduleType;
import org.secc.exi.iso20.common.PriceRuleStackListType;
import org.secc.exi.iso20.common.PriceRuleStackType;
import org.secc.exi.iso20.common.PriceRuleType;
import org.secc.exi.iso20.common.ChargingScheduleType;
import org.secc.exi.iso20.common.Dynamic_SEReqControlModeType;
import org.secc.exi.iso20.common.Dynamic_SEResControlModeType;
import org.secc.exi.iso20.common.PowerScheduleEntryListType;
import org.secc.exi.iso20.common.PowerScheduleEntryType;
import org.secc.exi.iso20.common.PowerScheduleType;
import org.secc.exi.iso20.common.ScheduleExchangeReqType;
import org.secc.exi.iso20.common.ScheduleExchangeResType;
import org.secc.exi.iso20.common.ScheduleTupleType;
import org.secc.exi.iso20.common.Scheduled_SEReqControlModeType;
import org.secc.exi.iso20.common.Scheduled_SEResControlModeType;
import org.secc.exi.iso20.common.SessionStopReqType;
import org.secc.exi.iso20.types.V2GRequestType;
import org.secc.exi.iso20.types.processingType;
import org.secc.exi.iso20.types.responseCodeType;

import static org.secc.app.session.RationalNumbers.of;

/**
 * After xx_ChargeParameterDiscoveryRes: ScheduleExchangeReq, SessionStopReq; after PowerDeliveryRes to
 * ScheduleRenegotiation: ScheduleExchangeReq only (limits are re-read, so the new schedule carries the
 * present policy and grid limits).
 *
 * <p>Scheduled: one ScheduleTuple (ID 1) whose ChargingSchedule allows the maximum charge power and,
 * in a BPT session, whose DischargingSchedule allows the maximum discharge power (sign per
 * {@code negativeDischargeLimits}), for 24 h from now. One entry always fits MaximumSupportingPoints
 * (XSD minimum 12). With a configured {@link Tariff} each schedule carries an AbsolutePriceSchedule
 * (optional in the XSD, but required by older Josev EVCCs). Dynamic: the control-mode element with
 * no optional fields. The schedule is local, so the answer is always Finished at once; there is no
 * backend to wait for, hence no Ongoing answer and no 55 s cap to run.
 * A control mode other than the selected parameter set's → FAILED (libiso) and the session ends.
 */
public final class WaitScheduleExchange implements SessionState {

    static final long SCHEDULE_SECONDS = 86_400;

    @Override
    public Optional<Step> handle(V2GRequestType req, SessionContext ctx) {
        if (req instanceof SessionStopReqType stop && !ctx.renegotiating) {
            return Stops.beforePower(stop, ctx);
        }
        if (!(req instanceof ScheduleExchangeReqType se)) {
            return Optional.empty();
        }
        boolean dynamic = se.SEReqControlMode() instanceof ScheduleExchangeReqType.SEReqControlMode.Dynamic_SEReqControlMode;
        boolean wantDynamic = ctx.selectedParameters.controlMode() == EnergyParameterSet.DYNAMIC;
        if (dynamic != wantDynamic) {
            String why = "ScheduleExchangeReq control mode does not match the selected parameter set";
            ctx.charge.powerOffAndOpenContactors(why);
            return Optional.of(new Step(failed(ctx, responseCodeType.FAILED), null,
                    List.of(new Action.SessionEnded(why), new Action.CloseConnection(Duration.ZERO))));
        }
        ctx.charge.chargingNeeds(needs(se)); // upstream (OCPP K18.FR.01/K19.FR.01); nothing waits for it
        ScheduleExchangeResType.SEResControlMode mode;
        if (dynamic) {
            mode = new ScheduleExchangeResType.SEResControlMode.Dynamic_SEResControlMode(new Dynamic_SEResControlModeType(null, null, null, null));
        } else {
            double maxCharge, maxDischarge;
            if (ctx.ac()) {
                var l = ctx.charge.acLimits();
                maxCharge = l.maxChargePower();
                maxDischarge = l.maxDischargePower();
            } else {
                DcLimits l = ctx.charge.dcLimits();
                maxCharge = l.maxChargePower();
                maxDischarge = l.maxDischargePower();
            }
            double sign = ctx.config.negativeDischargeLimits() ? -1 : 1;
            if (!ctx.bpt()) {
                maxDischarge = 0;
            }
            ctx.charge.scheduleOffered(maxCharge, maxDischarge);
            Tariff t = ctx.config.tariff();
            ChargingScheduleType charge = schedule(ctx.epochSeconds, maxCharge, t, 1);
            ChargingScheduleType discharge = ctx.bpt() ? schedule(ctx.epochSeconds, sign * maxDischarge, t, 2) : null;
            mode = new ScheduleExchangeResType.SEResControlMode.Scheduled_SEResControlMode(
                    new Scheduled_SEResControlModeType(List.of(new ScheduleTupleType(1, charge, discharge))));
        }
        ctx.scheduleTupleIds = dynamic ? List.of() : List.of(1L);
        // DC goes through cable check and precharge ([V2G20-1611]); AC and a renegotiation inside the
        // loop (contactors still closed) go straight to PowerDelivery.
        SessionState next = ctx.ac() || ctx.renegotiating ? new WaitPowerDelivery() : new WaitCableCheck();
        ctx.renegotiating = false;
        return Optional.of(Step.to(new ScheduleExchangeResType(ctx.header(), responseCodeType.OK, processingType.Finished, null, mode),
                next));
    }

    private static ChargingScheduleType schedule(long anchor, double power, Tariff t, long priceScheduleId) {
        ChargingScheduleType.Schedule price = null;
        if (t != null) {
            // One rule from 0 W for the whole schedule (PriceRuleStack Duration 0 = until the end); EnergyFee is
            // the price of one kWh in the schedule's currency.
            PriceRuleType rule = new PriceRuleType(of(t.energyFeePerKwh()), null, null, null, null, of(0));
            price = new ChargingScheduleType.Schedule.AbsolutePriceSchedule(new AbsolutePriceScheduleType(null, anchor, priceScheduleId, null,
                    t.currency(), t.language(), Tariff.ALGORITHM_POWER, null, null, null,
                    new PriceRuleStackListType(List.of(new PriceRuleStackType(0, List.of(rule)))), null, null));
        }
        return new ChargingScheduleType(new PowerScheduleType(anchor, null, null,
                new PowerScheduleEntryListType(List.of(new PowerScheduleEntryType(SCHEDULE_SECONDS, of(power), null, null)))), price);
    }

    /** The EV's needs as the request states them (NaN / -1 / null where it says nothing). */
    static ChargingNeeds needs(ScheduleExchangeReqType se) {
        if (se.SEReqControlMode() instanceof ScheduleExchangeReqType.SEReqControlMode.Dynamic_SEReqControlMode d) {
            Dynamic_SEReqControlModeType v = d.value();
            return new ChargingNeeds(true, v.DepartureTime(), v.TargetSOC(), wh(v.EVTargetEnergyRequest()), wh(v.EVMaximumEnergyRequest()),
                    wh(v.EVMinimumEnergyRequest()), wh(v.EVMaximumV2XEnergyRequest()), wh(v.EVMinimumV2XEnergyRequest()), se.MaximumSupportingPoints());
        }
        Scheduled_SEReqControlModeType v = ((ScheduleExchangeReqType.SEReqControlMode.Scheduled_SEReqControlMode) se.SEReqControlMode()).value();
        return new ChargingNeeds(false, v.DepartureTime() == null ? -1 : v.DepartureTime(), null, wh(v.EVTargetEnergyRequest()),
                wh(v.EVMaximumEnergyRequest()), wh(v.EVMinimumEnergyRequest()), Double.NaN, Double.NaN, se.MaximumSupportingPoints());
    }

    private static double wh(org.secc.exi.iso20.types.RationalNumberType r) {
        return r == null ? Double.NaN : RationalNumbers.toDouble(r);
    }

    static ScheduleExchangeResType failed(SessionContext ctx, responseCodeType code) {
        return new ScheduleExchangeResType(ctx.header(), code, processingType.Finished, null,
                new ScheduleExchangeResType.SEResControlMode.Dynamic_SEResControlMode(new Dynamic_SEResControlModeType(null, null, null, null)));
    }

    @Override
    public String name() {
        return "WaitScheduleExchange";
    }
}
