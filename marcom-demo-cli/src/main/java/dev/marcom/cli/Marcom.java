package dev.marcom.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code marcom} command: entry point of the terminal demo. */
@Command(name = "marcom", mixinStandardHelpOptions = true, versionProvider = Version.class,
    description = "Authenticated, encrypted, signed sessions: ElGamal key transport, "
        + "AES-256-GCM, SHA-256 and DSA, with every step made visible.",
    subcommands = {DemoCommand.class},
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
        "0:clean close by either side",
        "2:usage error",
        "3:security failure (tampering, replay, bad signature, untrusted or changed peer key)",
        "4:network failure (refused, reset, cut without close_notify, timeout)"})
public final class Marcom implements Runnable {
  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }

  /** The configured command line (also used by tests). */
  public static CommandLine commandLine() {
    CommandLine cl = new CommandLine(new Marcom());
    cl.setExecutionExceptionHandler(new ExitCodes.Handler());
    return cl;
  }

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "missing command");
  }
}
