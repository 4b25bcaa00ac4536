package org.secc.app.policy;

/** Answer to a command; {@code duplicate} when the id had been seen (then nothing changed). */
public record CommandResult(String id, boolean accepted, boolean duplicate, String message) {
}
