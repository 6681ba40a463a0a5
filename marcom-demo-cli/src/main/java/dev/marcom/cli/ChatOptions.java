package dev.marcom.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Options shared by {@code listen} and {@code connect}. */
final class ChatOptions {
    @Option(
            names = "--home",
            paramLabel = "DIR",
            // One line each, so the help never wraps inside the path.
            description = {"Identity home directory.", "Default: $MARCOM_HOME, else ~/.marcom"})
    Path home;

    @Option(
            names = "--suite",
            paramLabel = "NAME",
            converter = AlgorithmNames.SuiteConverter.class,
            completionCandidates = AlgorithmNames.SuiteCandidates.class,
            description = {
                "Use only this suite: ${COMPLETION-CANDIDATES}.",
                "Default: any suite both sides support; a server prefers the one paired with its key type."
            })
    dev.marcom.CipherSuite suite;

    @Option(names = "--json", description = "stdout: one JSON event per line.")
    boolean json;

    @Option(names = "--trace", description = "Show every protocol step on stderr, by phase.")
    boolean trace;

    @Option(
            names = "--reveal-secrets",
            description = "TEACHING ONLY: include session keys in the trace (implies --trace).")
    boolean revealSecrets;

    @Option(
            names = "--transcript",
            paramLabel = "FILE",
            description = {
                "Record every sent and received message, signed, as JSON lines.",
                "FILE must not exist; it is created once a session is established."
            })
    Path transcript;

    @Option(
            names = "--receive-dir",
            paramLabel = "DIR",
            description = {"Where received files are saved.", "Default: <home>/received"})
    Path receiveDir;

    @Option(
            names = "--max-file",
            defaultValue = "1G",
            paramLabel = "SIZE",
            converter = Sizes.Converter.class,
            description = "Largest file a peer may send here, e.g. 100M (default: ${DEFAULT-VALUE}).")
    long maxFile;

    @Option(
            names = "--receive-quota",
            defaultValue = "10G",
            paramLabel = "SIZE",
            converter = Sizes.Converter.class,
            description = "Total size of the files peers may send to this process (default: " + "${DEFAULT-VALUE}).")
    long receiveQuota;

    @Option(names = "--no-color", description = "No ANSI colours (also when NO_COLOR is set).")
    boolean noColor;

    @Option(
            names = "--timeout",
            defaultValue = "15",
            paramLabel = "SECONDS",
            converter = Seconds.class,
            description =
                    "Give up a handshake that has not finished after this long (default: " + "${DEFAULT-VALUE} s).")
    java.time.Duration timeout;

    @Option(
            names = "--keepalive",
            defaultValue = "15",
            paramLabel = "SECONDS",
            converter = Seconds.class,
            description = "Send an authenticated keep-alive after this long without traffic; 0: never "
                    + "(default: ${DEFAULT-VALUE} s).")
    java.time.Duration keepAlive;

    @Option(
            names = "--idle-timeout",
            defaultValue = "60",
            paramLabel = "SECONDS",
            converter = Seconds.class,
            description = "End a session whose peer sent nothing (not even a keep-alive) for this long; "
                    + "0: never (default: ${DEFAULT-VALUE} s).")
    java.time.Duration idleTimeout;

    /** Seconds, with an optional fraction ("0.5"), as a duration. */
    static final class Seconds implements picocli.CommandLine.ITypeConverter<java.time.Duration> {
        @Override
        public java.time.Duration convert(String value) {
            double s;
            try {
                s = Double.parseDouble(value);
            } catch (NumberFormatException e) {
                throw new picocli.CommandLine.TypeConversionException("'" + value + "' is not a number of seconds");
            }
            if (!(s >= 0) || s > 86_400) {
                throw new picocli.CommandLine.TypeConversionException(
                        "'" + value + "' must be between 0 and 86400 seconds");
            }
            return java.time.Duration.ofMillis(Math.round(s * 1000));
        }
    }
}
