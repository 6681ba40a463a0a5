package dev.marcom.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;

/**
 * Starts {@code marcom} as real processes ({@code java -cp <test class path>
 * dev.marcom.cli.Marcom ...}) and remembers them so a test's {@code @AfterEach} can kill whatever
 * is still running. The child gets no {@code MARCOM_HOME} or {@code MARCOM_PASSPHRASE} from the
 * build's environment, {@code user.home} inside the test's directory, and no colours.
 */
final class Cli {
    private static final String JAVA =
            Path.of(System.getProperty("java.home"), "bin", "java").toString();
    /** Short-lived JVMs: C1 only and the serial collector start noticeably faster. */
    private static final List<String> JVM_OPTIONS =
            List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xshare:auto");

    private final Path userHome;
    private final List<CliProcess> started = new CopyOnWriteArrayList<>();
    private int count;

    /** @param userHome the children's {@code user.home}, so no test can touch {@code ~/.marcom} */
    Cli(Path userHome) {
        this.userHome = userHome;
    }

    /** Starts {@code marcom ARGS}. */
    CliProcess start(String... args) {
        return start(Map.of(), args);
    }

    /** Starts {@code marcom ARGS} with extra environment variables. */
    CliProcess start(Map<String, String> env, String... args) {
        return startIn(null, env, args);
    }

    /** Starts {@code marcom ARGS} in the working directory {@code workDir} (null: this one's). */
    CliProcess startIn(Path workDir, Map<String, String> env, String... args) {
        ProcessBuilder pb = environment(new ProcessBuilder(command(args)));
        pb.environment().putAll(env);
        if (workDir != null) {
            pb.directory(workDir.toFile());
        }
        try {
            int n = count++;
            String name = n + ":" + (args.length > 0 ? args[0] : "marcom");
            CliProcess p = new CliProcess(name, pb.start());
            started.add(p);
            return p;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The command line that runs {@code marcom ARGS}. */
    List<String> command(String... args) {
        List<String> command = new ArrayList<>();
        command.add(JAVA);
        command.addAll(JVM_OPTIONS);
        command.add("-Duser.home=" + userHome);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(Marcom.class.getName());
        command.addAll(List.of(args));
        return command;
    }

    /** {@link #command} as one POSIX shell command, every word quoted. */
    String shellCommand(String... args) {
        return command(args).stream().map(Cli::quote).collect(Collectors.joining(" "));
    }

    /** {@code word} in single quotes for a POSIX shell. */
    static String quote(String word) {
        return "'" + word.replace("'", "'\\''") + "'";
    }

    /** The environment every child gets (see the class comment). */
    static ProcessBuilder environment(ProcessBuilder pb) {
        pb.environment().remove("MARCOM_HOME");
        pb.environment().remove(HomeIdentity.PASSPHRASE_ENV);
        pb.environment().put("NO_COLOR", "1");
        return pb;
    }

    /** Runs {@code marcom ARGS} with empty stdin to its end. */
    CliProcess run(String... args) {
        return run(Map.of(), args);
    }

    /** Runs {@code marcom ARGS} with extra environment and empty stdin to its end. */
    CliProcess run(Map<String, String> env, String... args) {
        CliProcess p = start(env, args);
        p.closeStdin();
        p.awaitExit();
        return p;
    }

    /** The children's {@code user.home}. */
    Path userHome() {
        return userHome;
    }

    /** Every process started so far. */
    List<CliProcess> started() {
        return List.copyOf(started);
    }

    /** Kills every process still running. */
    void destroyAll() {
        for (CliProcess p : started) {
            p.destroy();
        }
    }
}
