/**
 * Transports: the {@link dev.marcom.transport.FrameChannel} abstraction with stream, NIO and
 * in-memory implementations, and {@link dev.marcom.transport.SecureChannel}, the blocking session
 * that applications use.
 */
package dev.marcom.transport;
