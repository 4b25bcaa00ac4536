package org.secc.app.session.state;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import org.secc.app.charge.LoopResult;
import org.secc.app.session.Action;
import org.secc.app.session.RationalNumbers;
import org.secc.exi.iso20.types.EVSEStatusType;
import org.secc.exi.iso20.types.MeterInfoType;
import org.secc.exi.iso20.types.RationalNumberType;
import org.secc.exi.iso20.types.V2GResponseType;
import org.secc.exi.iso20.types.evseNotificationType;

/** What the AC and DC charge loops share: notification bookkeeping, MeterInfo, optional values. */
final class Loops {

    /** Grace beyond NotificationMaxDelay: the EV's own message timeout (ISO 15118-20 timers, secc-app/README-session.md, "Timers"). */
    static final long GRACE_NANOS = Duration.ofSeconds(2).toNanos();

    private Loops() {}

    /**
     * True when the charger asked the EV to stop or pause and the EV kept looping past
     * NotificationMaxDelay ([V2G20-1960] for Terminate, [V2G20-1850] for Pause): the session then ends.
     */
    static boolean notificationIgnored(SessionContext ctx) {
        if (ctx.notifiedSince >= 0 && !stopping(PowerDeliveries.status(ctx))) {
            ctx.notifiedSince = -1; // the charger withdrew its request (e.g. the grid came back)
        }
        return ctx.notifiedSince >= 0 && ctx.nowNanos - ctx.notifiedSince > ctx.notifiedMaxDelay * 1_000_000_000L + GRACE_NANOS;
    }

    /** The EVSEStatus for this response; starts the notification clock on the first Terminate/Pause. */
    static EVSEStatusType status(SessionContext ctx) {
        EVSEStatusType st = PowerDeliveries.status(ctx);
        boolean stopping = stopping(st);
        if (stopping && ctx.notifiedSince < 0) {
            ctx.notifiedSince = ctx.nowNanos;
            ctx.notifiedMaxDelay = st.NotificationMaxDelay();
        } else if (!stopping) {
            ctx.notifiedSince = -1;
        }
        return st;
    }

    private static boolean stopping(EVSEStatusType st) {
        return st != null && (st.EVSENotification() == evseNotificationType.Terminate || st.EVSENotification() == evseNotificationType.Pause);
    }

    static MeterInfoType meter(SessionContext ctx, LoopResult r) {
        return new MeterInfoType(ctx.config.meterId(), Math.max(0, Math.round(r.chargedEnergyWh())),
                ctx.bpt() ? Math.max(0, Math.round(r.dischargedEnergyWh())) : null, null, null, null, null, ctx.epochSeconds);
    }

    static double nan(RationalNumberType r) {
        return r == null ? Double.NaN : RationalNumbers.toDouble(r);
    }

    static double abs(RationalNumberType r) {
        return r == null ? Double.NaN : RationalNumbers.abs(r);
    }

    static Optional<Step> end(SessionContext ctx, V2GResponseType res, String why) {
        ctx.charge.powerOffAndOpenContactors(why);
        return Optional.of(new Step(res, null, List.of(new Action.SessionEnded(why), new Action.CloseConnection(Duration.ZERO))));
    }
}
