package dev.marcom.cli;

import java.io.InputStream;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code marcom} command: entry point of the terminal demo. */
@Command(
        name = "marcom",
        mixinStandardHelpOptions = true,
        versionProvider = Version.class,
        description = "Authenticated, encrypted, signed sessions: key transport by ElGamal, X25519 or "
                + "X-Wing (ML-KEM-768 + X25519), AES-256-GCM, SHA-256, and DSA, Ed25519 or ML-DSA-65 "
                + "signatures, with every step made visible.",
        subcommands = {
            DemoCommand.class,
            KeygenCommand.class,
            FingerprintCommand.class,
            ListenCommand.class,
            ConnectCommand.class,
            VerifyCommand.class
        },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:clean close by either side",
            "2:usage or configuration error (bad options, unusable identity file)",
            "3:security failure (tampering, replay, bad signature, malformed input, no common suite, untrusted or changed peer key)",
            "4:network failure (refused, reset, cut without close_notify, timeout)"
        })
public final class Marcom implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    private final InputStream stdin;
    private final Map<String, String> env;

    private Marcom(InputStream stdin, Map<String, String> env) {
        this.stdin = stdin;
        this.env = Map.copyOf(env);
    }

    public static void main(String[] args) {
        System.exit(commandLine(System.in, System.getenv()).execute(args));
    }

    /** The configured command line with this process's stdin and environment. */
    public static CommandLine commandLine() {
        return commandLine(System.in, System.getenv());
    }

    /** The configured command line reading {@code stdin} and {@code env} (for tests). */
    public static CommandLine commandLine(InputStream stdin, Map<String, String> env) {
        CommandLine cl = new CommandLine(new Marcom(stdin, env));
        cl.setExecutionExceptionHandler(new ExitCodes.Handler());
        return cl;
    }

    InputStream stdin() {
        return stdin;
    }

    Map<String, String> env() {
        return env;
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "missing command");
    }
}
