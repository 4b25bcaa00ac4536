package org.secc.app.connector;

/** High-level communication could not be set up and basic charging is not allowed: X1 until unplug. */
final class Failed extends ConnectorState {
    @Override
    String name() {
        return "Error";
    }
}
