package dev.marcom.cli;

import picocli.CommandLine;

/** Reports the version from the jar manifest. */
final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
        String v = Marcom.class.getPackage().getImplementationVersion();
        return new String[] {"marcom " + (v == null ? "(development build)" : v)};
    }
}
