package dev.marcom.cli;

import dev.marcom.identity.MarcomHome;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code marcom fingerprint}: print this identity's fingerprint (from the public key file). */
@Command(
        name = "fingerprint",
        mixinStandardHelpOptions = true,
        description = "Print this identity's fingerprint (SHA256:...). Needs no passphrase.")
final class FingerprintCommand implements Callable<Integer> {
    @CommandLine.ParentCommand
    Marcom app;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(
            names = "--home",
            paramLabel = "DIR",
            // One line each, so the help never wraps inside the path.
            description = {"Identity home directory.", "Default: $MARCOM_HOME, else ~/.marcom"})
    Path home;

    @Override
    public Integer call() throws Exception {
        MarcomHome h = HomeIdentity.home(home, app.env());
        spec.commandLine().getOut().println(h.identityFiles().loadPublic().fingerprint());
        spec.commandLine().getOut().flush();
        return ExitCodes.OK;
    }
}
