/**
 * Serving many sessions: a non-blocking {@link dev.marcom.server.MarcomServer} and its client
 * counterpart {@link dev.marcom.server.MarcomConnector} over the sans-I/O core. A few event-loop
 * threads do all socket I/O; a bounded pool of workers runs the handshakes' cryptography, opens
 * records and calls the application's {@link dev.marcom.server.SessionHandler}; one timer thread
 * drives handshake timeouts, keep-alive and idle timeouts for every connection.
 */
package dev.marcom.server;
