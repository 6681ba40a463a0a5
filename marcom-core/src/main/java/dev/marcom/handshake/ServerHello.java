package dev.marcom.handshake;

import dev.marcom.MalformedInputException;
import dev.marcom.internal.wire.FrameType;
import dev.marcom.internal.wire.Frames;
import dev.marcom.internal.wire.WireReader;
import dev.marcom.internal.wire.WireWriter;

/**
 * ServerHello body: {@code version (u16) ‖ suite (u16) ‖ nonce (32) ‖ elgamal y (vec16) ‖
 * server identity SPKI (vec16) ‖ signature (vec16)}. The signature covers the transcript up to and
 * including every field before it.
 */
record ServerHello(int version, int suite, byte[] nonce, byte[] elGamalPublic, byte[] identity, byte[] signature) {

    /** The body without the trailing signature field: what the signature covers (with the header). */
    byte[] unsignedPrefix() {
        return new WireWriter()
                .u16(version)
                .u16(suite)
                .bytes(nonce)
                .vec16(elGamalPublic)
                .vec16(identity)
                .toByteArray();
    }

    byte[] encode() {
        WireWriter w = new WireWriter()
                .u16(version)
                .u16(suite)
                .bytes(nonce)
                .vec16(elGamalPublic)
                .vec16(identity)
                .vec16(signature);
        return Frames.frame(FrameType.SERVER_HELLO, w.toByteArray());
    }

    static ServerHello parse(byte[] frame) throws MalformedInputException {
        WireReader r = new WireReader(frame, Frames.HEADER_BYTES, frame.length - Frames.HEADER_BYTES);
        int version = r.u16("version");
        int suite = r.u16("suite");
        byte[] nonce = r.bytes(ClientHello.NONCE_BYTES, "server nonce");
        byte[] y = r.vec16(1024, "ElGamal public key");
        byte[] identity = r.vec16(4096, "server identity");
        byte[] signature = r.vec16(256, "server signature");
        r.end("ServerHello");
        return new ServerHello(version, suite, nonce, y, identity, signature);
    }
}
