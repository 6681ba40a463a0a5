package dev.marcom.session;

import dev.marcom.AuthenticationException;
import dev.marcom.Bytes;
import dev.marcom.MalformedInputException;
import dev.marcom.identity.PeerIdentity;
import dev.marcom.internal.crypto.Sha256;
import dev.marcom.internal.crypto.SignatureSchemes;
import dev.marcom.internal.session.MessageSignatures;

/**
 * Checks signatures of messages and streams again, later and without a session: a message kept
 * from {@link Session#open} or {@link Session#sealMessage}, a stream's summary, or any
 * signature by a known identity. Stateless; safe from any thread.
 *
 * <h2>Security guarantees</h2>
 * {@link #verify(VerifiedMessage)} and {@link #verify(VerifiedStream)} return only if the signed
 * data is MARCOM's for that message or stream (signer, session, direction, number, SHA-256) and
 * the signer's signature over it verifies. They cannot check what the signed data says about the
 * rest of the conversation; the session does so on receipt, and
 * {@link dev.marcom.transcript.TranscriptVerifier} across a transcript.
 */
public final class OfflineVerifier {
    private OfflineVerifier() {}

    /**
     * Checks a message's signature again, offline: that {@code signedData} is MARCOM message signed
     * data naming this message's signer (SHA-256 of {@link VerifiedMessage#signer()}'s
     * SubjectPublicKeyInfo), session, direction, sequence number and the SHA-256 of its plaintext,
     * and that the DSA signature over it verifies with the signer's key.
     *
     * <p>What the signed data says about the rest of the conversation (the hash of the sender's
     * previous message, and how many of the other direction's messages it had seen) can only be
     * checked against those messages: the session does so on receipt, and
     * {@link dev.marcom.transcript.TranscriptVerifier} across a transcript.
     *
     * @param message a message from {@link Session#open} or {@link Session#sealMessage}
     * @throws AuthenticationException if any of that fails
     */
    public static void verify(VerifiedMessage message) throws AuthenticationException {
        MessageSignatures.Message m;
        try {
            m = MessageSignatures.parseMessage(message.signedData().toByteArray());
        } catch (MalformedInputException e) {
            throw new AuthenticationException("signed data is not MARCOM message signed data", e);
        }
        if (!m.signer().equals(message.signer().fingerprint().sha256())
                || !m.sessionId().equals(message.sessionId())
                || m.direction() != message.direction().code()
                || m.sequence() != message.sequence()
                || !m.sha256().equals(Bytes.of(Sha256.hash(message.plaintext())))) {
            throw new AuthenticationException("signed data does not match the message");
        }
        verify(
                message.signer(),
                message.signedData().toByteArray(),
                message.signature().toByteArray());
    }

    /**
     * Checks a received stream's signature again, offline, given its summary: that
     * {@code signedData} is MARCOM stream signed data naming the stream's signer, session,
     * direction, number and SHA-256, and that the signature verifies. To tie it to stored content,
     * compare {@link VerifiedStream#sha256()} with the content's SHA-256.
     *
     * @param stream the summary of a received stream
     * @throws AuthenticationException if any of that fails
     */
    public static void verify(VerifiedStream stream) throws AuthenticationException {
        MessageSignatures.Stream m;
        try {
            m = MessageSignatures.parseStream(stream.signedData().toByteArray());
        } catch (MalformedInputException e) {
            throw new AuthenticationException("signed data is not MARCOM stream signed data", e);
        }
        if (!m.signer().equals(stream.signer().fingerprint().sha256())
                || !m.sessionId().equals(stream.sessionId())
                || m.direction() != stream.direction().code()
                || m.sequence() != stream.sequence()
                || !m.sha256().equals(stream.sha256())) {
            throw new AuthenticationException("signed data does not match the stream");
        }
        verify(
                stream.signer(),
                stream.signedData().toByteArray(),
                stream.signature().toByteArray());
    }

    /**
     * Checks a DSA-SHA256 signature over {@code signedData} by {@code signer}.
     *
     * <p><b>Warning:</b> this is plain DSA. Given any signature, anyone can make a key pair of
     * their own under which it verifies too (duplicate-signature key selection), so a successful
     * check proves that {@code signer} could have made the signature, not that it did, unless
     * {@code signedData} itself names {@code signer}, as MARCOM's message and stream signed data do.
     * To check a message or a stream, use {@link #verify(VerifiedMessage)} or
     * {@link #verify(VerifiedStream)}, which check that too.
     *
     * @param signer whose public key to verify with
     * @param signedData the bytes that were signed (DSA signs their SHA-256)
     * @param signature the DER-encoded signature
     * @throws AuthenticationException if it does not verify (also if it is not strict DER)
     */
    public static void verify(PeerIdentity signer, byte[] signedData, byte[] signature) throws AuthenticationException {
        SignatureSchemes.of(signer.algorithm())
                .verify(signer.publicKey(), signedData, signature, "signature did not verify");
    }
}
