package dev.marcom.handshake;

import dev.marcom.MalformedInputException;
import dev.marcom.internal.wire.FrameType;
import dev.marcom.internal.wire.Frames;
import dev.marcom.internal.wire.WireReader;
import dev.marcom.internal.wire.WireWriter;

/**
 * ServerHello body: {@code version (u16) ‖ suite (u16) ‖ nonce (32) ‖ KEM public key (vec16) ‖
 * server identity SPKI (vec16) ‖ signature (vec16)}. The signature covers the transcript up to and
 * including every field before it.
 */
record ServerHello(int version, int suite, byte[] nonce, byte[] kemPublicKey, byte[] identity, byte[] signature) {
    /** The largest KEM public key read: an ffdhe3072 y is 384 bytes, an X-Wing key 1,216. */
    static final int MAX_KEM_PUBLIC_KEY_BYTES = 2048;

    /** The largest KEM ciphertext (c1) read: an ffdhe3072 c1 is 384 bytes, an X-Wing one 1,120. */
    static final int MAX_KEM_CIPHERTEXT_BYTES = 2048;

    /** The largest handshake signature read: an ML-DSA-65 signature is 3,309 bytes. */
    static final int MAX_SIGNATURE_BYTES = 4096;

    /** The body without the trailing signature field: what the signature covers (with the header). */
    byte[] unsignedPrefix() {
        return new WireWriter()
                .u16(version)
                .u16(suite)
                .bytes(nonce)
                .vec16(kemPublicKey)
                .vec16(identity)
                .toByteArray();
    }

    byte[] encode() {
        WireWriter w = new WireWriter()
                .u16(version)
                .u16(suite)
                .bytes(nonce)
                .vec16(kemPublicKey)
                .vec16(identity)
                .vec16(signature);
        return Frames.frame(FrameType.SERVER_HELLO, w.toByteArray());
    }

    static ServerHello parse(byte[] frame) throws MalformedInputException {
        WireReader r = new WireReader(frame, Frames.HEADER_BYTES, frame.length - Frames.HEADER_BYTES);
        int version = r.u16("version");
        int suite = r.u16("suite");
        byte[] nonce = r.bytes(ClientHello.NONCE_BYTES, "server nonce");
        byte[] y = r.vec16(MAX_KEM_PUBLIC_KEY_BYTES, "key-transport public key");
        byte[] identity = r.vec16(4096, "server identity");
        byte[] signature = r.vec16(MAX_SIGNATURE_BYTES, "server signature");
        r.end("ServerHello");
        return new ServerHello(version, suite, nonce, y, identity, signature);
    }
}
