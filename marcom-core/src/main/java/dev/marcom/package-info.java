/**
 * MARCOM: authenticated, encrypted, signed peer-to-peer sessions.
 *
 * <p>This package holds the exception hierarchy shared by every feature package:
 * {@link dev.marcom.MarcomException} and its subtypes. Start with
 * {@link dev.marcom.transport.SecureChannel} for a blocking session over any byte stream, or with
 * {@link dev.marcom.handshake.Handshake} for the sans-I/O core.
 */
package dev.marcom;
