package dev.marcom.cli;

/** Why a chat session ended, as reported in the {@code closed} event, with its exit code. */
enum CloseReason {
  PEER_CLOSED("peer-closed", ExitCodes.OK),
  LOCAL_CLOSED("local-closed", ExitCodes.OK),
  CONNECTION_LOST("connection-lost", ExitCodes.NETWORK),
  SECURITY_FAILURE("security-failure", ExitCodes.SECURITY);

  private final String wire;
  private final int exitCode;

  CloseReason(String wire, int exitCode) {
    this.wire = wire;
    this.exitCode = exitCode;
  }

  String wire() {
    return wire;
  }

  int exitCode() {
    return exitCode;
  }

  /** The reason for a failure (the exit code mapping decides security vs network). */
  static CloseReason of(Throwable t) {
    return ExitCodes.of(t) == ExitCodes.SECURITY ? SECURITY_FAILURE : CONNECTION_LOST;
  }
}
