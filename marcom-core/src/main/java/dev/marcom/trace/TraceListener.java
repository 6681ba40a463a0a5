package dev.marcom.trace;

/**
 * Receives the typed {@link TraceEvent}s a handshake or session emits, in protocol order, on the
 * thread that did the work; a handshake's events are grouped by {@link TraceEvent.PhaseStarted} and
 * {@link TraceEvent.PhaseEnded} pairs. Implementations must be fast and must not throw; a listener
 * that throws is ignored for that event. Events carry secret values only when the session was
 * configured with {@code revealSecrets(true)}.
 */
@FunctionalInterface
public interface TraceListener {
    /** A listener that ignores every event; the library skips building events for it. */
    TraceListener NONE = event -> {};

    /**
     * Receives one event. Must return quickly and must not throw.
     *
     * @param event what just happened
     */
    void onEvent(TraceEvent event);
}
