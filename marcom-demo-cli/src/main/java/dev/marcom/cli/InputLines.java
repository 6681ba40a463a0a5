package dev.marcom.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Reads stdin lines on a daemon thread, so the command can wait for input and for the session's
 * end at the same time (a blocked stdin read cannot be interrupted).
 */
final class InputLines {
    private static final String EOF = new String("EOF");
    private static final int MAX_LINE = 1 << 20;
    private final LinkedBlockingQueue<String> lines = new LinkedBlockingQueue<>();
    private volatile boolean ended;

    InputLines(InputStream in) {
        Thread t = new Thread(
                () -> {
                    try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                        String line;
                        while ((line = r.readLine()) != null) {
                            lines.add(line.length() > MAX_LINE ? line.substring(0, MAX_LINE) : line);
                        }
                    } catch (IOException ignored) {
                        // treated as end of input
                    } finally {
                        lines.add(EOF);
                    }
                },
                "marcom-stdin");
        t.setDaemon(true);
        t.start();
    }

    /** What {@link #poll} found. */
    sealed interface Input {
        /** A line of input, without its line terminator. */
        record Line(String text) implements Input {}

        /** Nothing arrived in time. */
        record Nothing() implements Input {}

        /** Standard input ended. */
        record End() implements Input {}
    }

    /** The next line, waiting at most {@code millis}. */
    Input poll(long millis) throws InterruptedException {
        if (ended) {
            return new Input.End();
        }
        String line = lines.poll(millis, TimeUnit.MILLISECONDS);
        if (line == null) {
            return new Input.Nothing();
        }
        @SuppressWarnings("ReferenceEquality") // EOF is a unique instance: a typed "EOF" is a line
        boolean end = line == EOF;
        if (end) {
            ended = true;
            return new Input.End();
        }
        return new Input.Line(line);
    }
}
