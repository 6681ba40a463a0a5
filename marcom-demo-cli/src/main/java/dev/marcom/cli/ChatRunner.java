package dev.marcom.cli;

import dev.marcom.MarcomException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * The input side of a chat: each stdin line becomes a message to every current session;
 * {@code /send PATH} sends a file, {@code /quit} or end of input closes cleanly.
 */
final class ChatRunner {
  private ChatRunner() {
  }

  /**
   * Runs until input ends, {@code /quit}, or {@code finished} says so.
   *
   * @param sessions the sessions a line goes to, read anew for every line
   */
  static void run(InputLines input, Supplier<List<PeerSession>> sessions, Terminal terminal,
      BooleanSupplier finished) throws InterruptedException {
    while (!finished.getAsBoolean()) {
      InputLines.Input in = input.poll(100);
      if (in instanceof InputLines.Input.End) {
        return;
      }
      if (!(in instanceof InputLines.Input.Line line)) {
        continue;
      }
      String text = line.text();
      if (text.equals("/quit")) {
        return;
      }
      for (PeerSession s : sessions.get()) {
        try {
          if (text.startsWith("/send ")) {
            Path file = Path.of(text.substring(6).strip());
            if (!Files.isRegularFile(file)) {
              terminal.info("marcom: no such file: " + file);
              terminal.event(JsonLine.event("error").put("message", "no such file: " + file));
              break;
            }
            s.sendFile(file);
          } else {
            s.send(text);
          }
        } catch (IOException | MarcomException | RuntimeException e) {
          // The session's reader reports how the session ended; a local failure (such as an
          // unwritable transcript) ends this session.
          terminal.info("marcom: could not send: " + e.getMessage());
          if (e instanceof RuntimeException) {
            s.close();
          }
        }
      }
    }
  }
}
