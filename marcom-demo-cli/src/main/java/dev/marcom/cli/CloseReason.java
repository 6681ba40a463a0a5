package dev.marcom.cli;

/** Why a chat session ended, as reported in the {@code closed} event, with its exit code. */
enum CloseReason {
    PEER_CLOSED("peer-closed", ExitCodes.OK),
    LOCAL_CLOSED("local-closed", ExitCodes.OK),
    CONNECTION_LOST("connection-lost", ExitCodes.NETWORK),
    /** The peer sent nothing, not even a keep-alive, for the idle timeout. */
    IDLE_TIMEOUT("idle-timeout", ExitCodes.NETWORK),
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
        if (t instanceof dev.marcom.transport.IdleTimeoutException) {
            return IDLE_TIMEOUT;
        }
        return ExitCodes.of(t) == ExitCodes.SECURITY ? SECURITY_FAILURE : CONNECTION_LOST;
    }
}
