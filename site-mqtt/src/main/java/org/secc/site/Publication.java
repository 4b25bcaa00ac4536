package org.secc.site;

/**
 * One message to publish: topic, JSON payload, whether the broker keeps it (states) and its MQTT v5
 * Message Expiry Interval in seconds (0 = none; samples expire so a late reader never takes an old
 * value for a fresh one).
 */
public record Publication(String topic, byte[] payload, boolean retained, long expirySeconds) {
}
