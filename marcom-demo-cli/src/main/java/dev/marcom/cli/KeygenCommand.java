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

/** {@code marcom keygen}: create this user's long-term identity (DSA, Ed25519 or ML-DSA-65). */
@Command(
        name = "keygen",
        mixinStandardHelpOptions = true,
        description = {
            "Create the long-term identity in the MARCOM home and print its fingerprint.",
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
            names = "--type",
            paramLabel = "TYPE",
            converter = AlgorithmNames.TypeConverter.class,
            completionCandidates = AlgorithmNames.TypeCandidates.class,
            description = {
                "Signature algorithm: dsa (DSA-2048/256, the default), dsa-3072 (DSA-3072/256), "
                        + "ed25519 or ml-dsa-65."
            })
    SignatureAlgorithm type;

    /** The older way to choose a DSA size, kept as an alias of --type dsa / --type dsa-3072. */
    @Option(
            names = "--bits",
            paramLabel = "2048|3072",
            description = "DSA size, as --type dsa (2048) or --type dsa-3072 (3072).")
    Integer bits;

    @Override
    public Integer call() throws Exception {
        SignatureAlgorithm algorithm = algorithm();
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
        Identity id = HomeIdentity.create(files, algorithm, app.env(), t, force);
        spec.commandLine().getOut().println(id.fingerprint());
        spec.commandLine().getOut().flush();
        return ExitCodes.OK;
    }

    /** The algorithm --type and --bits ask for (DSA-2048/256 if neither); they must agree. */
    private SignatureAlgorithm algorithm() {
        SignatureAlgorithm fromBits = null;
        if (bits != null) {
            if (bits != 2048 && bits != 3072) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--bits must be 2048 or 3072");
            }
            fromBits = bits == 3072 ? SignatureAlgorithm.DSA_3072_256 : SignatureAlgorithm.DSA_2048_256;
        }
        if (type != null && fromBits != null && type != fromBits) {
            throw new CommandLine.ParameterException(
                    spec.commandLine(),
                    "--bits " + bits + " means --type " + fromBits.shortName() + ", not --type " + type.shortName()
                            + "; give one of them");
        }
        return type != null ? type : fromBits != null ? fromBits : SignatureAlgorithm.DSA_2048_256;
    }
}
