package dev.marcom.handshake;

import dev.marcom.MalformedInputException;
import dev.marcom.identity.Identity;
import dev.marcom.internal.crypto.Sha256;
import dev.marcom.internal.crypto.SignatureSchemes;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * What an active attacker (or a malicious peer) can do to handshake messages: decode them with the
 * package-private records, change fields, and re-sign them with a key it holds, so every forged
 * message is well-formed and carries a valid signature by <em>some</em> key. The signature
 * contexts are re-derived here from the protocol description, not read from {@link Handshake}.
 */
final class Mitm {
    static final byte[] SERVER_CONTEXT = context("MARCOM v1, server handshake");
    static final byte[] CLIENT_CONTEXT = context("MARCOM v1, client handshake");

    private Mitm() {}

    private static byte[] context(String label) {
        byte[] l = label.getBytes(StandardCharsets.US_ASCII);
        byte[] out = new byte[64 + l.length + 1];
        Arrays.fill(out, 0, 64, (byte) 0x20);
        System.arraycopy(l, 0, out, 64, l.length);
        return out;
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    static ClientHello clientHello(byte[] frame) {
        try {
            return ClientHello.parse(frame);
        } catch (MalformedInputException e) {
            throw new AssertionError(e);
        }
    }

    static ServerHello serverHello(byte[] frame) {
        try {
            return ServerHello.parse(frame);
        } catch (MalformedInputException e) {
            throw new AssertionError(e);
        }
    }

    static ClientAuth clientAuth(byte[] frame) {
        try {
            return ClientAuth.parse(frame);
        } catch (MalformedInputException e) {
            throw new AssertionError(e);
        }
    }

    /**
     * Re-encodes {@code hello} with a fresh signature by {@code signer} (with its own algorithm) over the transcript the client
     * holds ({@code transcript} = the ClientHello frame the client sent) and the hello's unsigned
     * prefix: exactly what a genuine server holding {@code signer}'s key would have sent.
     */
    static byte[] signServerHello(byte[] transcript, ServerHello hello, Identity signer) {
        byte[] hash = Sha256.hash(transcript, hello.unsignedPrefix());
        byte[] signature = sign(signer, concat(SERVER_CONTEXT, hash));
        return new ServerHello(
                        hello.version(),
                        hello.suite(),
                        hello.nonce(),
                        hello.kemPublicKey(),
                        hello.identity(),
                        signature)
                .encode();
    }

    /**
     * Re-encodes {@code auth} with a fresh client signature by {@code signer} over the transcript the
     * server holds ({@code transcript} = ClientHello ‖ ServerHello frames as the server saw them).
     * The Finished MAC is kept as given: computing a valid one needs the transported secret.
     */
    static byte[] signClientAuth(byte[] transcript, ClientAuth auth, Identity signer) {
        ClientAuth unsigned = new ClientAuth(auth.c1(), auth.c2(), auth.identity(), new byte[0], new byte[0]);
        byte[] hash = Sha256.hash(transcript, unsigned.prefixBeforeSignature());
        byte[] signature = sign(signer, concat(CLIENT_CONTEXT, hash));
        return new ClientAuth(auth.c1(), auth.c2(), auth.identity(), signature, auth.finished()).encode();
    }

    /** Signs {@code data} with {@code signer}'s key under the scheme of its algorithm. */
    static byte[] sign(Identity signer, byte[] data) {
        return SignatureSchemes.of(signer.algorithm()).sign(signer.privateKey(), data);
    }

    static ServerHello withY(ServerHello h, byte[] y) {
        return new ServerHello(h.version(), h.suite(), h.nonce(), y, h.identity(), h.signature());
    }

    static ServerHello withIdentity(ServerHello h, byte[] spki) {
        return new ServerHello(h.version(), h.suite(), h.nonce(), h.kemPublicKey(), spki, h.signature());
    }

    static ServerHello withSuite(ServerHello h, int suite) {
        return new ServerHello(h.version(), suite, h.nonce(), h.kemPublicKey(), h.identity(), h.signature());
    }

    static ServerHello withVersion(ServerHello h, int version) {
        return new ServerHello(version, h.suite(), h.nonce(), h.kemPublicKey(), h.identity(), h.signature());
    }

    static ClientAuth withC1(ClientAuth a, byte[] c1) {
        return new ClientAuth(c1, a.c2(), a.identity(), a.signature(), a.finished());
    }

    static ClientAuth withClientIdentity(ClientAuth a, byte[] spki) {
        return new ClientAuth(a.c1(), a.c2(), spki, a.signature(), a.finished());
    }
}
