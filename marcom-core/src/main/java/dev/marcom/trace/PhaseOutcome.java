package dev.marcom.trace;

/** How a {@link HandshakePhase} ended, as {@link TraceEvent.PhaseEnded} reports it. */
public enum PhaseOutcome {
    /** The phase's work is done and the handshake moved on. */
    SUCCEEDED,
    /** The handshake failed (or was abandoned) during the phase; a {@link TraceEvent.Failure} precedes. */
    FAILED
}
