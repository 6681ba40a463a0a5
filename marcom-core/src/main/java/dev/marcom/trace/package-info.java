/**
 * Typed observability: {@link dev.marcom.trace.TraceListener} receives
 * {@link dev.marcom.trace.TraceEvent}s, each tagged with the {@link dev.marcom.trace.Phase} (the
 * primitive or layer) it concerns, with typed subjects and fields rather than text, and a
 * handshake's events grouped by start/end pairs into {@link dev.marcom.trace.HandshakePhase}s.
 * {@link dev.marcom.trace.TraceText} renders events for people. Secret values appear only when the
 * application opts in with "reveal secrets".
 */
package dev.marcom.trace;
