package dev.marcom.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Options shared by {@code listen} and {@code connect}. */
final class ChatOptions {
  /** The trust policy names accepted by {@code --trust}. */
  enum Trust { tofu, strict }

  @Option(names = "--home", paramLabel = "DIR",
      // One line each, so the help never wraps inside the path.
      description = {"Identity home directory.", "Default: $MARCOM_HOME, else ~/.marcom"})
  Path home;

  @Option(names = "--trust", defaultValue = "tofu", paramLabel = "tofu|strict",
      description = "tofu: record a new peer, refuse a changed key (default); strict: only peers "
          + "already in known_peers.")
  Trust trust;

  @Option(names = "--json", description = "stdout: one JSON event per line.")
  boolean json;

  @Option(names = "--trace", description = "Show every protocol step on stderr, by phase.")
  boolean trace;

  @Option(names = "--reveal-secrets",
      description = "TEACHING ONLY: include session keys in the trace (implies --trace).")
  boolean revealSecrets;

  @Option(names = "--transcript", paramLabel = "FILE",
      description = {"Record every sent and received message, signed, as JSON lines.",
          "FILE must not exist; it is created once a session is established."})
  Path transcript;

  @Option(names = "--receive-dir", paramLabel = "DIR",
      description = {"Where received files are saved.", "Default: <home>/received"})
  Path receiveDir;

  @Option(names = "--no-color", description = "No ANSI colours (also when NO_COLOR is set).")
  boolean noColor;
}
