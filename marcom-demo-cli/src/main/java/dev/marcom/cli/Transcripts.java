package dev.marcom.cli;

import dev.marcom.AuthenticationException;
import dev.marcom.identity.Identity;
import dev.marcom.session.VerifiedMessage;
import dev.marcom.transcript.TranscriptWriter;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/** The optional {@code --transcript} file: every sent and received message, signed. */
final class Transcripts implements Closeable {
  private final TranscriptWriter writer;

  private Transcripts(TranscriptWriter writer) {
    this.writer = writer;
  }

  /** A transcript appending to {@code file}, or one that records nothing if it is null. */
  static Transcripts open(Path file, Identity identity) throws IOException {
    return new Transcripts(file == null ? null : TranscriptWriter.builder(file, identity).open());
  }

  /**
   * Appends one message.
   *
   * @throws UncheckedIOException if the file cannot be written (the session then ends: a
   *     transcript with holes would be worse than none)
   */
  void record(VerifiedMessage message) {
    if (writer == null) {
      return;
    }
    try {
      writer.append(message);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the transcript: " + e.getMessage(), e);
    } catch (AuthenticationException e) {
      throw new IllegalStateException("refused to record a message: " + e.getMessage(), e);
    }
  }

  @Override
  public void close() throws IOException {
    if (writer != null) {
      writer.close();
    }
  }
}
