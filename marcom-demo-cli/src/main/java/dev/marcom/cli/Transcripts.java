package dev.marcom.cli;

import dev.marcom.AuthenticationException;
import dev.marcom.identity.Identity;
import dev.marcom.session.VerifiedMessage;
import dev.marcom.transcript.TranscriptWriter;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The optional {@code --transcript} file: every sent and received message, signed. The file is
 * created when the first session is established ({@link #start}), so a connection that fails
 * leaves no file behind; whether it can be created is checked up front ({@link #plan}).
 */
final class Transcripts implements Closeable {
    private final Path file;
    private final Identity identity;
    private TranscriptWriter writer;
    private boolean closed;

    private Transcripts(Path file, Identity identity) {
        this.file = file;
        this.identity = identity;
    }

    /**
     * A transcript to be created at {@code file} once a session is established, or one that records
     * nothing if {@code file} is null.
     *
     * @throws IllegalArgumentException if the file exists (a transcript is never appended to or
     *     overwritten) or its directory does not
     */
    static Transcripts plan(Path file, Identity identity) {
        if (file != null) {
            if (Files.exists(file)) {
                throw new IllegalArgumentException("--transcript " + file + ": the file exists (a "
                        + "transcript is never appended to or overwritten; choose a new file name)");
            }
            Path dir = file.toAbsolutePath().getParent();
            if (dir != null && !Files.isDirectory(dir)) {
                throw new IllegalArgumentException("--transcript " + file + ": no such directory " + dir);
            }
        }
        return new Transcripts(file, identity);
    }

    /** Creates the file, once, when a session has been established. */
    synchronized void start() throws IOException {
        if (file != null && writer == null && !closed) {
            writer = TranscriptWriter.builder(file, identity).open();
        }
    }

    /**
     * Appends one message.
     *
     * @throws UncheckedIOException if the file cannot be written (the session then ends: a
     *     transcript with holes would be worse than none)
     */
    void record(VerifiedMessage message) {
        TranscriptWriter w;
        synchronized (this) {
            w = writer;
        }
        if (w == null) {
            return;
        }
        try {
            w.append(message);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the transcript: " + e.getMessage(), e);
        } catch (AuthenticationException e) {
            throw new IllegalStateException("refused to record a message: " + e.getMessage(), e);
        }
    }

    /** Ends the file with its signed end line (if it was created). */
    @Override
    public synchronized void close() throws IOException {
        closed = true;
        if (writer != null) {
            writer.close();
        }
    }
}
