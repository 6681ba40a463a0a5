/**
 * Typed observability: {@link dev.marcom.trace.TraceListener} receives
 * {@link dev.marcom.trace.TraceEvent}s, each tagged with its {@link dev.marcom.trace.Phase}.
 * Secret values appear only when the application opts in with "reveal secrets".
 */
package dev.marcom.trace;
