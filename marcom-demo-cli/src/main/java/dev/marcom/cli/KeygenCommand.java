package dev.marcom.cli;

import dev.marcom.SignatureAlgorithm;
import dev.marcom.identity.Identity;
import dev.marcom.identity.IdentityFiles;
import dev.marcom.identity.MarcomHome;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code marcom keygen}: create this user's long-term DSA identity. */
@Command(
        name = "keygen",
        mixinStandardHelpOptions = true,
        description = {
            "Create the long-term DSA identity in the MARCOM home and print its " + "fingerprint.",
            "The private key is encrypted with MARCOM_PASSPHRASE (or a prompted "
                    + "passphrase); with neither it is stored unencrypted, readable by you only."
        })
final class KeygenCommand implements Callable<Integer> {
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

    @Option(names = "--force", description = "Replace an existing identity.")
    boolean force;

    @Option(
            names = "--bits",
            defaultValue = "2048",
            paramLabel = "2048|3072",
            description = "DSA size: 2048/256 (default) or 3072/256.")
    int bits;

    @Override
    public Integer call() throws Exception {
        if (bits != 2048 && bits != 3072) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--bits must be 2048 or 3072");
        }
        MarcomHome h = HomeIdentity.home(home, app.env()).create();
        IdentityFiles files = h.identityFiles();
        if (files.exists() && !force) {
            spec.commandLine()
                    .getErr()
                    .println("marcom: an identity already exists in " + h.directory() + " (use --force to replace it)");
            return ExitCodes.USAGE;
        }
        Terminal t =
                new Terminal(spec.commandLine().getOut(), spec.commandLine().getErr(), false, Style.plain(), false);
        Identity id = HomeIdentity.create(
                files,
                bits == 3072 ? SignatureAlgorithm.DSA_3072_256 : SignatureAlgorithm.DSA_2048_256,
                app.env(),
                t,
                force);
        spec.commandLine().getOut().println(id.fingerprint());
        spec.commandLine().getOut().flush();
        return ExitCodes.OK;
    }
}
