package org.secc.ev.cli;

import picocli.CommandLine.IVersionProvider;

/** Reports the version recorded in the jar's manifest (the Maven project version). */
public final class Version implements IVersionProvider {
    @Override
    public String[] getVersion() {
        String v = Version.class.getPackage().getImplementationVersion();
        return new String[] {"ev-emulator " + (v == null ? "development build" : v)};
    }
}
