package org.secc.site;

/**
 * What the site interface needs from the charger; the charger application implements it (secc-app's
 * {@code org.secc.app.site.SiteAdapter}) so that this module does not depend on it. Called from the MQTT
 * client's threads: implementations are thread-safe and never block on the network or the hardware.
 */
public interface SitePort {
    /** Applies one decoded command through the charger's one command path; never throws. */
    SiteReply execute(SiteCommand command);

    /** The connection to the broker went up or down (supervised by the charger's fail-safe). */
    void link(boolean up);

    /** The charger's state now, for telemetry. */
    SiteTelemetry telemetry();
}
