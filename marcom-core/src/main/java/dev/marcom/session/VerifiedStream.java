package dev.marcom.session;

import dev.marcom.Bytes;
import dev.marcom.identity.PeerIdentity;

/**
 * The summary of a stream whose every record authenticated and whose end-of-stream DSA signature
 * verified over SHA-256 of all its bytes. Only {@link Session#open} creates it, and only at the
 * stream's end: until then the received bytes are unverified.
 *
 * @param sessionId the identifier of the session the stream belongs to
 * @param direction which way the stream travelled
 * @param sequence the stream's number in its direction, from 1 (streams are numbered apart
 *     from messages)
 * @param name the sender's name for the stream (not trusted as a path; sanitise before use)
 * @param length the number of bytes in the stream
 * @param sha256 SHA-256 of the stream's bytes
 * @param signedData what the sender signed: see docs/PROTOCOL.md, "Streams"
 * @param signature the DER DSA signature over {@code signedData}
 * @param signer who signed the stream: the peer
 */
public record VerifiedStream(Bytes sessionId, Direction direction, long sequence, String name,
    long length, Bytes sha256, Bytes signedData, Bytes signature, PeerIdentity signer) {
}
