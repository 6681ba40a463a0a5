package dev.marcom.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * One running {@code marcom} process: writes its stdin, collects stdout (parsed as JSON event
 * lines when they look like JSON) and stderr on reader threads. Every wait is bounded by
 * {@link #TIMEOUT} and fails the test with the process's output when it runs out.
 */
final class CliProcess {
    static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String name;
    private final Process process;
    private final OutputStream stdin;
    private final Thread outReader;
    private final Thread errReader;
    private final Object lock = new Object();
    private final List<String> outLines = new ArrayList<>();
    private final List<JsonNode> events = new ArrayList<>();
    private final Set<Integer> consumed = new HashSet<>();
    private final StringBuilder err = new StringBuilder();
    private final List<String> badJson = new ArrayList<>();
    private boolean outDone;

    CliProcess(String name, Process process) {
        this.name = name;
        this.process = process;
        this.stdin = process.getOutputStream();
        this.outReader = reader(process.getInputStream(), this::onStdout, "stdout");
        this.errReader = reader(process.getErrorStream(), this::onStderr, "stderr");
    }

    private Thread reader(InputStream in, java.util.function.Consumer<String> sink, String what) {
        Thread t = new Thread(
                () -> {
                    try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                        String line;
                        while ((line = r.readLine()) != null) {
                            sink.accept(line);
                        }
                    } catch (IOException ignored) {
                        // the process is gone
                    } finally {
                        if (what.equals("stdout")) {
                            synchronized (lock) {
                                outDone = true;
                                lock.notifyAll();
                            }
                        }
                    }
                },
                name + "-" + what);
        t.setDaemon(true);
        t.start();
        return t;
    }

    private void onStdout(String line) {
        synchronized (lock) {
            outLines.add(line);
            if (line.startsWith("{")) {
                try {
                    events.add(JSON.readTree(line));
                } catch (IOException e) {
                    badJson.add(line);
                }
            }
            lock.notifyAll();
        }
    }

    private void onStderr(String line) {
        synchronized (lock) {
            err.append(line).append('\n');
            lock.notifyAll();
        }
    }

    String name() {
        return name;
    }

    /** Writes one line to stdin. */
    void println(String line) {
        try {
            stdin.write((line + "\n").getBytes(StandardCharsets.UTF_8));
            stdin.flush();
        } catch (IOException e) {
            fail(name + ": cannot write to stdin (" + e + ")\n" + describe());
        }
    }

    /** Ends stdin (end of input). */
    void closeStdin() {
        try {
            stdin.close();
        } catch (IOException ignored) {
            // already gone
        }
    }

    /** The first {@code event} not returned before, waiting for it. */
    JsonNode await(String event) {
        return await(event, e -> true);
    }

    /** The first {@code event} matching {@code filter} not returned before, waiting for it. */
    JsonNode await(String event, Predicate<JsonNode> filter) {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        synchronized (lock) {
            while (true) {
                for (int i = 0; i < events.size(); i++) {
                    JsonNode e = events.get(i);
                    if (!consumed.contains(i) && event.equals(e.path("event").asText()) && filter.test(e)) {
                        consumed.add(i);
                        return e;
                    }
                }
                long left = deadline - System.nanoTime();
                if (outDone || left <= 0) {
                    break;
                }
                try {
                    lock.wait(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
        }
        return fail(name + ": no \"" + event + "\" event "
                + (outDone ? "before stdout ended" : "within " + TIMEOUT.toSeconds() + " s") + "\n" + describe());
    }

    /** Waits until stderr has a line equal to {@code line}. */
    void awaitStderrLine(String line) {
        awaitLine("stderr", line::equals);
    }

    /** Waits for a stderr line matching {@code filter} and returns the first. */
    String awaitStderrLine(Predicate<String> filter) {
        return awaitLine("stderr", filter);
    }

    /** Waits for a stdout line matching {@code filter} and returns the first. */
    String awaitStdoutLine(Predicate<String> filter) {
        return awaitLine("stdout", filter);
    }

    private String awaitLine(String stream, Predicate<String> filter) {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        synchronized (lock) {
            while (true) {
                List<String> lines = stream.equals("stdout")
                        ? outLines
                        : List.of(err.toString().split("\n"));
                for (String l : lines) {
                    if (filter.test(l)) {
                        return l;
                    }
                }
                long left = deadline - System.nanoTime();
                if (left <= 0 || (!process.isAlive() && !errReader.isAlive() && !outReader.isAlive())) {
                    return fail(name + ": no such " + stream + " line "
                            + (left <= 0 ? "within " + TIMEOUT.toSeconds() + " s" : "before the process ended") + "\n"
                            + describe());
                }
                try {
                    lock.wait(Math.min(200, Math.max(1, TimeUnit.NANOSECONDS.toMillis(left))));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return fail("interrupted");
                }
            }
        }
    }

    /** The port from the {@code listening} event. */
    int port() {
        JsonNode listening = await("listening");
        return listening.get("port").asInt();
    }

    /** Every event of this kind seen so far. */
    List<JsonNode> events(String event) {
        synchronized (lock) {
            return events.stream()
                    .filter(e -> event.equals(e.path("event").asText()))
                    .toList();
        }
    }

    /** Waits for the process to exit and its output to be read; returns the exit code. */
    int awaitExit() {
        try {
            if (!process.waitFor(TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                fail(name + ": did not exit within " + TIMEOUT.toSeconds() + " s\n" + describe());
            }
            outReader.join(TIMEOUT.toMillis());
            errReader.join(TIMEOUT.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            fail("interrupted");
        }
        synchronized (lock) {
            assertThat(badJson)
                    .as(name + ": stdout lines that are not valid JSON")
                    .isEmpty();
        }
        return process.exitValue();
    }

    /** Waits for the exit and asserts its code. */
    CliProcess assertExit(int expected) {
        int code = awaitExit();
        assertThat(code).as(name + " exit code\n" + describe()).isEqualTo(expected);
        return this;
    }

    String stderr() {
        synchronized (lock) {
            return err.toString();
        }
    }

    String stdout() {
        synchronized (lock) {
            return String.join("\n", outLines);
        }
    }

    /** The documented promise: expected failures print one clear line, never a stack trace. */
    CliProcess assertNoStackTrace() {
        assertThat(stderr()).as(name + " stderr").doesNotContain("\tat ").doesNotContain("Exception in thread");
        return this;
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** Sends a signal by name ({@code STOP}, {@code CONT}, ...) with {@code kill}. */
    void signal(String name) throws Exception {
        Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(process.pid()))
                .redirectErrorStream(true)
                .start();
        assertThat(kill.waitFor()).as("kill -" + name + " " + process.pid()).isZero();
    }

    /**
     * Sends SIGTERM, as {@code kill PID} does. Through the process handle: {@link Process#destroy()}
     * would also close our ends of its pipes, and with them what it prints while it shuts down.
     */
    void terminate() {
        assertThat(process.toHandle().destroy()).as(name + ": SIGTERM sent").isTrue();
    }

    /** Kills the process (tree) if it still runs, and lets the readers drain its output. */
    void destroy() {
        closeStdin();
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        try {
            process.waitFor(10, TimeUnit.SECONDS);
            outReader.join(5_000);
            errReader.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    String describe() {
        return "--- " + name + " stdout ---\n" + stdout() + "\n--- " + name + " stderr ---\n" + stderr();
    }
}
