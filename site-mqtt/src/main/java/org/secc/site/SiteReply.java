package org.secc.site;

/**
 * The charger's answer to a command: accepted or not, whether the id had been applied before (then
 * nothing changed), and the reason in words.
 */
public record SiteReply(String id, boolean accepted, boolean duplicate, String message) {
    public static SiteReply rejected(String id, String why) {
        return new SiteReply(id, false, false, why);
    }
}
