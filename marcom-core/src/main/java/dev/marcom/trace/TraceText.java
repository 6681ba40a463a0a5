package dev.marcom.trace;

import dev.marcom.Bytes;
import dev.marcom.CipherSuite;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Plain-text descriptions of {@link TraceEvent}s, one line each, for consoles and logs. The text
 * is computed from the events' typed fields and is for people only: renderers choose colours from
 * {@link TraceEvent#phase()} and group by {@link TraceEvent.PhaseStarted}, never by parsing this
 * text. Long values are abbreviated; secret fields appear only if the event carries them (that
 * is, only when the application enabled "reveal secrets").
 */
public final class TraceText {
    private TraceText() {}

    /**
     * Describes an event in one line of text.
     *
     * @param event the event to describe
     * @return the description, without a line break
     */
    public static String describe(TraceEvent event) {
        if (event instanceof TraceEvent.PhaseStarted e) {
            return "── " + name(e.handshakePhase()) + " ──";
        } else if (event instanceof TraceEvent.PhaseEnded e) {
            return "── " + name(e.handshakePhase()) + (e.outcome() == PhaseOutcome.FAILED ? " failed ──" : " done ──");
        } else if (event instanceof TraceEvent.FrameTransferred e) {
            return (e.outbound() ? "→ sent " : "← received ") + e.frameType() + " (" + e.bytes() + " bytes)";
        } else if (event instanceof TraceEvent.HandshakeMessage e) {
            return (e.outbound() ? "→ " : "← ") + e.type().protocolName() + ": " + fields(e.fields());
        } else if (event instanceof TraceEvent.Offer e) {
            return "offering protocol versions " + e.versions() + " and suites "
                    + e.suites().stream().map(CipherSuite::suiteName).toList();
        } else if (event instanceof TraceEvent.Negotiated e) {
            return "agreed on version " + e.version() + ", suite " + e.suite().suiteName() + " (key transport "
                    + e.suite().keyTransport() + ", AES-256-GCM, HKDF-SHA256)";
        } else if (event instanceof TraceEvent.PeerTrusted e) {
            return lower(e.peerRole()) + " identity " + e.fingerprint()
                    + " proved its key and was accepted by the trust policy";
        } else if (event instanceof TraceEvent.KeysDerived e) {
            StringBuilder b = new StringBuilder("HKDF-SHA256 derived per-direction AES-256-GCM keys; " + "session id "
                    + e.sessionId().abbreviated(6));
            b.append("; c→s iv ")
                    .append(e.clientToServerIv().hex())
                    .append(", s→c iv ")
                    .append(e.serverToClientIv().hex());
            secret(b, "c→s key", e.clientToServerKey());
            secret(b, "s→c key", e.serverToClientKey());
            return b.toString();
        } else if (event instanceof TraceEvent.FinishedMac e) {
            return (e.outbound() ? "computed " : "verified ") + lower(e.of())
                    + " Finished MAC (HMAC-SHA256 key confirmation) " + e.mac().abbreviated(6);
        } else if (event instanceof TraceEvent.HandshakeCompleted e) {
            return "handshake complete as " + lower(e.role()) + " with " + e.peer()
                    + " over " + e.suite().suiteName()
                    + "; one-time private key and transported secret erased (forward secrecy)";
        } else if (event instanceof TraceEvent.KeyUpdated e) {
            StringBuilder b = new StringBuilder((e.outbound() ? "sending" : "receiving") + " key updated to generation "
                    + e.generation() + ": iv " + e.iv().hex());
            secret(b, "key", e.key());
            return b.toString();
        } else if (event instanceof TraceEvent.KemKeyGenerated e) {
            StringBuilder b = new StringBuilder("fresh one-time " + e.mechanism() + " key pair (" + e.parameters()
                    + "): public key " + e.publicKey().abbreviated(6));
            secret(b, "private key", e.privateKey());
            return b.toString();
        } else if (event instanceof TraceEvent.KemValueValidated e) {
            return "validated " + name(e.which(), e.phase()) + ": " + check(e.which(), e.phase()) + " "
                    + e.value().abbreviated(4);
        } else if (event instanceof TraceEvent.KemEncapsulation e) {
            StringBuilder b = new StringBuilder((e.outbound()
                            ? "encrypted a fresh 256-bit secret to the server's one-time key"
                            : "decrypted the 256-bit secret with the one-time private key")
                    + ": c1 = " + c1(e.phase()) + " = " + e.c1().abbreviated(4)
                    + ", c2 = AES-GCM(HKDF(shared secret), secret) = " + e.c2().abbreviated(4));
            secret(b, "secret", e.secret());
            return b.toString();
        } else if (event instanceof TraceEvent.AeadRecord e) {
            return (e.outbound() ? "sealed" : "opened") + " record seq " + e.sequence() + ": nonce "
                    + e.nonce().hex() + ", " + e.plaintextBytes() + " plaintext bytes "
                    + (e.outbound() ? "→ " : "← ") + e.ciphertextBytes() + " ciphertext bytes, tag "
                    + e.tag().hex();
        } else if (event instanceof TraceEvent.Digest e) {
            return "SHA-256 of " + name(e.subject(), e.sequence(), e.bytes()) + " = "
                    + e.sha256().abbreviated(8);
        } else if (event instanceof TraceEvent.Signature e) {
            return (e.outbound() ? "signed " : "verified " + e.algorithm().displayName() + " signature on ")
                    + name(e.subject(), e.sequence())
                    + (e.outbound() ? " with " + e.algorithm().displayName() + " key " : " by ")
                    + e.signer() + ": " + e.signature().abbreviated(6);
        } else if (event instanceof TraceEvent.Failure e) {
            return "FAILED: " + e.reason();
        } else if (event instanceof TraceEvent.KeepAlive e) {
            String what = e.ping() ? "keep-alive ping" : "keep-alive pong";
            return e.outbound() ? "→ " + what + " sent" : "← " + what + " received";
        } else if (event instanceof TraceEvent.CloseNotify e) {
            return e.outbound()
                    ? "→ close_notify sent: this side is done"
                    : "← close_notify received:" + " the peer closed cleanly";
        }
        return event.toString();
    }

    /**
     * Names a handshake phase for people.
     *
     * @param phase the phase
     * @return such as {@code key confirmation (Finished MACs)}
     */
    public static String name(HandshakePhase phase) {
        return switch (phase) {
            case NEGOTIATION -> "negotiation (hellos)";
            case KEY_TRANSPORT -> "key transport (KEM + AES-GCM)";
            case AUTHENTICATION -> "authentication (signatures, trust)";
            case KEY_CONFIRMATION -> "key confirmation (Finished MACs)";
            case KEY_DERIVATION -> "key derivation (HKDF-SHA256)";
        };
    }

    /**
     * Names what a signature signs, for people.
     *
     * @param subject what was signed
     * @param sequence the message or stream number, ignored for the handshake signatures
     * @return such as {@code message #3} or {@code server handshake (one-time key + transcript)}
     */
    public static String name(SignatureSubject subject, long sequence) {
        return switch (subject) {
            case SERVER_HANDSHAKE -> "server handshake (one-time key + transcript)";
            case CLIENT_HANDSHAKE -> "client handshake (ciphertext + transcript)";
            case MESSAGE -> "message #" + sequence;
            case STREAM -> "stream #" + sequence;
        };
    }

    /**
     * Names a key-transport value, for people.
     *
     * @param value the value
     * @param phase the mechanism's phase ({@link Phase#ELGAMAL}, {@link Phase#X25519} or {@link
     *     Phase#ML_KEM})
     * @return such as {@code server public key y = g^x}
     */
    public static String name(KemValue value, Phase phase) {
        return switch (value) {
            case PUBLIC_KEY -> phase == Phase.ELGAMAL ? "server public key y = g^x" : "server one-time public key";
            case C1 -> "c1 = " + c1(phase);
        };
    }

    private static String c1(Phase phase) {
        return switch (phase) {
            case ELGAMAL -> "g^r mod p";
            case X25519 -> "X25519(r, 9)";
            default -> "X-Wing encapsulation";
        };
    }

    private static String check(KemValue value, Phase phase) {
        return switch (phase) {
            case ELGAMAL -> "1 < v < p-1 and v in the order-q subgroup";
            case X25519 -> "32 bytes (a low-order point is refused by its all-zero shared secret)";
            default ->
                value == KemValue.PUBLIC_KEY
                        ? "1,216 bytes, ML-KEM-768 modulus check (FIPS 203)"
                        : "1,120 bytes (ML-KEM rejects tampering implicitly)";
        };
    }

    private static String name(DigestSubject subject, long sequence, long bytes) {
        return switch (subject) {
            case SERVER_HANDSHAKE -> "transcript for the server signature (" + bytes + " bytes)";
            case CLIENT_HANDSHAKE -> "transcript for the client signature (" + bytes + " bytes)";
            case SESSION_ID -> "handshake transcript = session id (" + bytes + " bytes)";
            case MESSAGE -> "message #" + sequence + " plaintext (" + bytes + " bytes)";
            case STREAM -> "stream #" + sequence + " (" + bytes + " bytes)";
        };
    }

    private static String fields(HandshakeFields fields) {
        if (fields instanceof HandshakeFields.ClientHello f) {
            return "versions " + f.versions() + ", suites " + suites(f.suites()) + ", nonce "
                    + f.nonce().abbreviated(4);
        } else if (fields instanceof HandshakeFields.ServerHello f) {
            return "version " + f.version() + ", suite " + suite(f.suite()) + ", nonce "
                    + f.nonce().abbreviated(4) + ", one-time public key "
                    + f.kemPublicKey().abbreviated(4)
                    + ", identity " + f.identity() + ", signature "
                    + f.signature().abbreviated(4);
        } else if (fields instanceof HandshakeFields.ClientAuth f) {
            return "c1 " + f.c1().abbreviated(4) + ", c2 " + f.c2().abbreviated(4) + ", identity "
                    + f.identity() + ", signature " + f.signature().abbreviated(4) + ", Finished "
                    + f.finished().abbreviated(4);
        } else if (fields instanceof HandshakeFields.ServerFinished f) {
            return "HMAC-SHA256 over the transcript " + f.mac().abbreviated(4);
        } else if (fields instanceof HandshakeFields.Refusal f) {
            return f.reason() == 2
                    ? "client identity " + f.refused() + ": its signature algorithm is not accepted (reason 2)"
                    : "client identity " + f.refused() + " not accepted (reason " + f.reason() + ")";
        } else if (fields instanceof HandshakeFields.NoCommonSuite f) {
            return "no common suite; the server supports " + suites(f.suites());
        }
        return fields.toString();
    }

    private static String suites(List<Integer> codes) {
        List<String> out = new ArrayList<>();
        for (int c : codes) {
            out.add(suite(c));
        }
        return out.toString();
    }

    private static String suite(int code) {
        CipherSuite known = CipherSuite.of(code);
        String hex = String.format(Locale.ROOT, "0x%04x", code);
        return known == null ? hex : known.suiteName() + " (" + hex + ")";
    }

    private static String lower(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT);
    }

    private static void secret(StringBuilder b, String name, Optional<Bytes> value) {
        value.ifPresent(v -> b.append("; [SECRET] ").append(name).append(" = ").append(v.hex()));
    }
}
