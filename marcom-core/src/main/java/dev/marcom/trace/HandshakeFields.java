package dev.marcom.trace;

import dev.marcom.Bytes;
import dev.marcom.Fingerprint;
import java.util.List;
import java.util.Objects;

/**
 * The public fields of a handshake message, as typed values: what a {@link
 * TraceEvent.HandshakeMessage} carries. Every value here is sent in clear on the wire; none is
 * secret. Identities are given by the fingerprint of the SubjectPublicKeyInfo as sent, which the
 * receiver has not necessarily validated yet when the event is emitted.
 */
public sealed interface HandshakeFields {

    /**
     * Returns which message these are the fields of.
     *
     * @return the message type
     */
    HandshakeMessageType type();

    /**
     * The fields of a ClientHello.
     *
     * @param versions the offered protocol versions
     * @param suites the offered suites' wire codes, in the client's preference order (codes this
     *     implementation does not know included)
     * @param nonce the client's 32-byte nonce
     */
    record ClientHello(List<Integer> versions, List<Integer> suites, Bytes nonce) implements HandshakeFields {
        /**
         * Copies the lists.
         *
         * @param versions the offered protocol versions
         * @param suites the offered suites' wire codes
         * @param nonce the client's nonce
         * @throws NullPointerException if a list, an element or the nonce is null
         */
        public ClientHello {
            versions = List.copyOf(versions);
            suites = List.copyOf(suites);
            Objects.requireNonNull(nonce, "nonce");
        }

        @Override
        public HandshakeMessageType type() {
            return HandshakeMessageType.CLIENT_HELLO;
        }
    }

    /**
     * The fields of a ServerHello.
     *
     * @param version the chosen protocol version
     * @param suite the chosen suite's wire code
     * @param nonce the server's 32-byte nonce
     * @param elGamalPublicKey the server's fresh ElGamal public key y = g^x mod p
     * @param identity the fingerprint of the server's identity key as sent
     * @param signature the server's DSA handshake signature
     */
    record ServerHello(
            int version, int suite, Bytes nonce, Bytes elGamalPublicKey, Fingerprint identity, Bytes signature)
            implements HandshakeFields {
        @Override
        public HandshakeMessageType type() {
            return HandshakeMessageType.SERVER_HELLO;
        }
    }

    /**
     * The fields of a ClientAuth.
     *
     * @param c1 the ciphertext's first part, g^r mod p
     * @param c2 the ciphertext's second part, the AES-256-GCM encryption of the secret
     * @param identity the fingerprint of the client's identity key as sent
     * @param signature the client's DSA handshake signature
     * @param finished the client's Finished MAC
     */
    record ClientAuth(Bytes c1, Bytes c2, Fingerprint identity, Bytes signature, Bytes finished)
            implements HandshakeFields {
        @Override
        public HandshakeMessageType type() {
            return HandshakeMessageType.CLIENT_AUTH;
        }
    }

    /**
     * The fields of a ServerFinished.
     *
     * @param mac the server's Finished MAC (HMAC-SHA256 over the transcript)
     */
    record ServerFinished(Bytes mac) implements HandshakeFields {
        @Override
        public HandshakeMessageType type() {
            return HandshakeMessageType.SERVER_FINISHED;
        }
    }

    /**
     * The fields of a Refusal.
     *
     * @param reason the refusal reason's wire code (1: the client identity was not accepted)
     * @param refused the fingerprint of the client identity that was refused
     * @param mac the MAC under the server's Finished key over the transcript
     */
    record Refusal(int reason, Fingerprint refused, Bytes mac) implements HandshakeFields {
        @Override
        public HandshakeMessageType type() {
            return HandshakeMessageType.REFUSAL;
        }
    }
}
