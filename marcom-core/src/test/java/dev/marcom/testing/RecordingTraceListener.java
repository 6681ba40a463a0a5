package dev.marcom.testing;

import dev.marcom.trace.TraceEvent;
import dev.marcom.trace.TraceListener;
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

  public void clear() {
    events.clear();
  }
}
