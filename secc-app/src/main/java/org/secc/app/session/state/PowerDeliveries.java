package org.secc.app.session.state;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import org.secc.app.charge.ChargeControl.PowerDeliveryResult;
import org.secc.app.charge.EvPowerProfile;
import org.secc.app.charge.EvseNotification;
import org.secc.app.session.Action;
import org.secc.app.session.RationalNumbers;
import org.secc.exi.iso20.common.EVPowerProfileType;
import org.secc.exi.iso20.common.PowerDeliveryReqType;
import org.secc.exi.iso20.common.PowerDeliveryResType;
import org.secc.exi.iso20.common.powerToleranceAcceptanceType;
import org.secc.exi.iso20.types.EVSEStatusType;
import org.secc.exi.iso20.types.evseNotificationType;
import org.secc.exi.iso20.types.processingType;
import org.secc.exi.iso20.types.responseCodeType;

/** PowerDeliveryReq handling shared by the state before the loop and the loop states (ISO 15118-20, secc-app/README-session.md). */
final class PowerDeliveries {

    private PowerDeliveries() {}

    /**
     * @param inLoop the request came from the charge loop (Stop, Standby and ScheduleRenegotiation are
     *               allowed there; before the loop only Start, [V2G20-2018])
     * @param here   the state to stay in for an Ongoing request
     */
    static Optional<Step> handle(PowerDeliveryReqType pd, SessionContext ctx, boolean inLoop, SessionState here) {
        if (pd.EVProcessing() == processingType.Ongoing) {
            // The EV is not ready yet; it repeats the request (Josev).
            return Optional.of(Step.to(response(ctx, responseCodeType.OK), here));
        }
        switch (pd.ChargeProgress()) {
            case Start -> {
                return start(pd, ctx, here);
            }
            case Stop -> {
                if (!inLoop) {
                    return Optional.empty();
                }
                if (ctx.ac()) {
                    // AC: the contactors open before OK ([V2G20-863/864]); SessionStopReq follows ([V2G20-1623]).
                    // The power-off runs on the charge controller; the response waits for it (ramp ≤ 1 s).
                    ctx.charge.powerOffAndOpenContactors("PowerDelivery Stop");
                    if (!ctx.charge.poweredOff()) {
                        return Optional.of(Step.pending(here));
                    }
                    return Optional.of(Step.to(response(ctx, responseCodeType.OK), new WaitSessionStop()));
                }
                ctx.charge.stopPower();
                return Optional.of(Step.to(response(ctx, responseCodeType.OK), new WaitWeldingDetection()));
            }
            case Standby -> {
                if (!inLoop) {
                    return Optional.empty();
                }
                // Standby is not supported (libiso, Josev): the loop simply continues.
                return Optional.of(Step.to(response(ctx, responseCodeType.WARNING_StandbyNotAllowed), here));
            }
            case ScheduleRenegotiation -> {
                if (!inLoop) {
                    return Optional.empty();
                }
                // Contactors stay closed; the present limits apply until the new schedule ([V2G20-2018] context).
                ctx.renegotiating = true;
                ctx.notifiedSince = -1;
                return Optional.of(Step.to(response(ctx, responseCodeType.OK), new WaitScheduleExchange()));
            }
            default -> {
                return Optional.empty();
            }
        }
    }

    private static Optional<Step> start(PowerDeliveryReqType pd, SessionContext ctx, SessionState here) {
        EVPowerProfileType profile = pd.EVPowerProfile();
        boolean confirmed = false;
        if (profile != null && profile.EVPPTControlMode() instanceof EVPowerProfileType.EVPPTControlMode.Scheduled_EVPPTControlMode s) {
            if (!ctx.scheduleTupleIds.contains(s.value().SelectedScheduleTupleID())) {
                return fail(ctx, responseCodeType.FAILED_ScheduleSelectionInvalid,
                        "SelectedScheduleTupleID " + s.value().SelectedScheduleTupleID() + " was not offered");
            }
            confirmed = s.value().PowerToleranceAcceptance() == powerToleranceAcceptanceType.PowerToleranceConfirmed;
        }
        PowerDeliveryResult r = ctx.charge.startPower();
        return switch (r) {
            case OK -> {
                ctx.notifiedSince = -1;
                if (profile != null) {
                    ctx.charge.evPowerProfile(profile(profile, confirmed)); // upstream (OCPP K18.FR.09, K19.FR.07)
                }
                SessionState loop = ctx.ac() ? new AcChargeLoop() : new DcChargeLoop();
                // [V2G20-1944]: the tolerance the EV confirmed is acknowledged.
                yield Optional.of(Step.to(response(ctx, confirmed ? responseCodeType.OK_PowerToleranceConfirmed : responseCodeType.OK), loop));
            }
            // [V2G20-858/861]: OK only once the contactors are closed; PowerDeliveryRes has no EVSEProcessing,
            // so the response waits (bounded by the contactor performance time) without blocking the session.
            case PENDING -> Optional.of(Step.pending(here));
            case CONTACTOR_ERROR -> fail(ctx, responseCodeType.FAILED_ContactorError, "contactors did not close");
            case NOT_APPLIED -> fail(ctx, responseCodeType.FAILED_PowerDeliveryNotApplied, "the charger cannot deliver power now");
        };
    }

    private static EvPowerProfile profile(EVPowerProfileType p, boolean confirmed) {
        long tuple = p.EVPPTControlMode() instanceof EVPowerProfileType.EVPPTControlMode.Scheduled_EVPPTControlMode s
                ? s.value().SelectedScheduleTupleID() : 0;
        List<EvPowerProfile.Entry> entries = new java.util.ArrayList<>();
        for (var e : p.EVPowerProfileEntries().EVPowerProfileEntry()) {
            entries.add(new EvPowerProfile.Entry(e.Duration(), RationalNumbers.toDouble(e.Power())));
        }
        boolean dynamic = p.EVPPTControlMode() instanceof EVPowerProfileType.EVPPTControlMode.Dynamic_EVPPTControlMode;
        return new EvPowerProfile(p.TimeAnchor(), dynamic, tuple, confirmed, entries);
    }

    private static Optional<Step> fail(SessionContext ctx, responseCodeType code, String why) {
        ctx.charge.powerOffAndOpenContactors(why);
        return Optional.of(new Step(new PowerDeliveryResType(ctx.header(), code, null), null,
                List.of(new Action.SessionEnded(code + ": " + why), new Action.CloseConnection(Duration.ZERO))));
    }

    static PowerDeliveryResType response(SessionContext ctx, responseCodeType code) {
        return new PowerDeliveryResType(ctx.header(), code, status(ctx));
    }

    /** EVSEStatus for the charger side's present notification, or null when there is nothing to say (EVSEStatus, [V2G20-1850]). */
    static EVSEStatusType status(SessionContext ctx) {
        Optional<EvseNotification> n = ctx.charge.notification();
        if (n.isEmpty()) {
            return null;
        }
        evseNotificationType t = switch (n.get().kind()) {
            case TERMINATE -> evseNotificationType.Terminate;
            case PAUSE -> evseNotificationType.Pause;
            case EXIT_STANDBY -> evseNotificationType.ExitStandby;
            case SCHEDULE_RENEGOTIATION -> evseNotificationType.ScheduleRenegotiation;
            case SERVICE_RENEGOTIATION -> evseNotificationType.ServiceRenegotiation;
        };
        return new EVSEStatusType(n.get().maxDelaySeconds(), t);
    }
}
