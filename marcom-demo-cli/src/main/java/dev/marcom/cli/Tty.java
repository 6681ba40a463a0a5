package dev.marcom.cli;

import java.io.IOException;
import java.lang.ProcessBuilder.Redirect;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Whether standard input is a terminal. Java 17 answers only "stdin and stdout are both
 * terminals" ({@link System#console()} is null otherwise), which is not enough to tell a user
 * why there was no passphrase prompt; so this asks {@code test -t 0} with the same stdin.
 */
final class Tty {
  private Tty() {
  }

  /** True or false as the system says; empty when it cannot be told (no {@code sh}). */
  static Optional<Boolean> stdinIsTerminal() {
    try {
      Process p = new ProcessBuilder("sh", "-c", "test -t 0")
          .redirectInput(Redirect.INHERIT)
          .redirectOutput(Redirect.DISCARD)
          .redirectError(Redirect.DISCARD)
          .start();
      if (!p.waitFor(5, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        return Optional.empty();
      }
      return Optional.of(p.exitValue() == 0);
    } catch (IOException e) {
      return Optional.empty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.empty();
    }
  }
}
