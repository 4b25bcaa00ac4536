package org.secc.ev.scenario;

import java.util.function.Supplier;
import org.secc.ev.battery.Battery;
import org.secc.ev.session.Fault;
import org.secc.ev.session.LoopPolicy;

/**
 * A named EV story: initial battery, loop policy, fault, whether it pauses and resumes, and its
 * expectations (checked by {@link ScenarioRunner}).
 *
 * @param socDirection expected sign of SOC change over the whole run: +1 rises, -1 falls, 0 don't care
 * @param needsBpt     the scenario discharges and needs DC_BPT
 * @param maxLoopMs    safety cap on charge-loop time per connection; reaching it stops the EV and fails
 */
public record Scenario(String name, String description, Supplier<Battery> battery, Supplier<LoopPolicy> policy, Fault fault,
                       boolean pauseResume, int socDirection, boolean bothDirections, boolean needsBpt,
                       boolean expectNotification, long maxLoopMs) {
}
