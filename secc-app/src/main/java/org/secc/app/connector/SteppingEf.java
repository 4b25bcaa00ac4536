package org.secc.app.connector;

/**
 * A retry: the pilot in E/F for T_step_EF, then 5 % again and a new matching window [V2G3-M06-07],
 * [V2G3-M06-09]. The E/F the pilot reads now is the charger's own.
 */
final class SteppingEf extends ConnectorState {
    @Override
    String name() {
        return "SteppingEF";
    }

    @Override
    void onDeadline(ConnectorLifecycle c, long now) {
        c.listen("T_step_EF over, 5 % again: SLAC retry " + c.sequRetriesUsed() + " of " + c.config().sequRetries(), now);
    }
}
