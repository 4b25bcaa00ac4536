package org.secc.app.ctl;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.secc.app.policy.CommandResult;
import org.secc.app.policy.PolicyCommand;

/** Records every call; keeps the id contract (a repeated id returns the first result, duplicate = true). */
final class FakeTarget implements ControlTarget {
    final List<Object> calls = new ArrayList<>();
    private final Map<String, CommandResult> seen = new HashMap<>();
    volatile String status = "{\"state\":\"IDLE\",\"powerW\":0}";
    volatile String reloadFailure;

    record Call(String name) {
    }

    synchronized List<Object> calls() {
        return List.copyOf(calls);
    }

    @Override
    public synchronized String statusJson() {
        calls.add(new Call("status"));
        return status;
    }

    @Override
    public synchronized CommandResult command(PolicyCommand c) {
        calls.add(c);
        CommandResult first = seen.get(c.id());
        if (first != null) {
            return new CommandResult(c.id(), first.accepted(), true, first.message());
        }
        // like the policy engine: a forced discharge needs some power
        CommandResult r = c instanceof PolicyCommand.ForceDischarge f && f.powerW() <= 0
                ? new CommandResult(c.id(), false, false, "force-discharge power must be > 0 W")
                : new CommandResult(c.id(), true, false, "applied " + c.getClass().getSimpleName());
        seen.put(c.id(), r);
        return r;
    }

    @Override
    public synchronized String reload() {
        calls.add(new Call("reload"));
        if (reloadFailure != null) {
            throw new IllegalStateException(reloadFailure);
        }
        return "policy reloaded";
    }

    @Override
    public synchronized String clearTrip() {
        calls.add(new Call("clear-trip"));
        return "trip cleared";
    }

    @Override
    public synchronized void heartbeat() {
        calls.add(new Call("heartbeat"));
    }

    @Override
    public synchronized String authorize(boolean accepted) {
        calls.add(new Call(accepted ? "authorize" : "deny"));
        return accepted ? "authorized" : "refused";
    }
}
