package dev.marcom.testing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.marcom.trace.HandshakePhase;
import dev.marcom.trace.TraceEvent;
import dev.marcom.trace.TraceListener;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A thread-safe listener that keeps every event, for assertions. */
public final class RecordingTraceListener implements TraceListener {
    private final List<TraceEvent> events = new CopyOnWriteArrayList<>();

    @Override
    public void onEvent(TraceEvent event) {
        events.add(event);
    }

    /** A snapshot of the events so far, in arrival order. */
    public List<TraceEvent> events() {
        return List.copyOf(events);
    }

    /** The events of type {@code type}, in order. */
    public <T extends TraceEvent> List<T> of(Class<T> type) {
        return events.stream().filter(type::isInstance).map(type::cast).toList();
    }

    /** Whether a {@link TraceEvent.Failure} was recorded. */
    public boolean failed() {
        return events.stream().anyMatch(e -> e instanceof TraceEvent.Failure);
    }

    /**
     * The handshake phases this side went through, in order, after asserting that they are well
     * formed: every {@link TraceEvent.PhaseStarted} is followed by the {@link TraceEvent.PhaseEnded}
     * of the same phase before the next one starts, and none is left open.
     */
    public List<HandshakePhase> phases() {
        List<HandshakePhase> out = new ArrayList<>();
        HandshakePhase open = null;
        for (TraceEvent e : events) {
            if (e instanceof TraceEvent.PhaseStarted s) {
                assertThat(open)
                        .as("%s started while %s was open", s.handshakePhase(), open)
                        .isNull();
                open = s.handshakePhase();
                out.add(open);
            } else if (e instanceof TraceEvent.PhaseEnded end) {
                assertThat(end.handshakePhase()).as("the phase that ended").isEqualTo(open);
                open = null;
            }
        }
        assertThat(open).as("a phase left open").isNull();
        return out;
    }

    public void clear() {
        events.clear();
    }
}
