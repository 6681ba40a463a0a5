package dev.marcom.handshake;

import dev.marcom.MalformedInputException;
import dev.marcom.internal.wire.FrameType;
import dev.marcom.internal.wire.Frames;
import dev.marcom.internal.wire.WireReader;
import dev.marcom.internal.wire.WireWriter;

/**
 * ClientAuth body: {@code c1 (vec16) ‖ c2 (vec16) ‖ client identity SPKI (vec16) ‖ signature
 * (vec16) ‖ finished (32)}. The signature covers the transcript through the identity; the Finished
 * MAC covers it through the signature.
 */
record ClientAuth(byte[] c1, byte[] c2, byte[] identity, byte[] signature, byte[] finished) {
    static final int FINISHED_BYTES = 32;

    byte[] prefixBeforeSignature() {
        return new WireWriter().vec16(c1).vec16(c2).vec16(identity).toByteArray();
    }

    byte[] prefixBeforeFinished() {
        return new WireWriter()
                .vec16(c1)
                .vec16(c2)
                .vec16(identity)
                .vec16(signature)
                .toByteArray();
    }

    byte[] encode() {
        WireWriter w = new WireWriter()
                .vec16(c1)
                .vec16(c2)
                .vec16(identity)
                .vec16(signature)
                .bytes(finished);
        return Frames.frame(FrameType.CLIENT_AUTH, w.toByteArray());
    }

    static ClientAuth parse(byte[] frame) throws MalformedInputException {
        WireReader r = new WireReader(frame, Frames.HEADER_BYTES, frame.length - Frames.HEADER_BYTES);
        byte[] c1 = r.vec16(1024, "ElGamal c1");
        byte[] c2 = r.vec16(256, "ElGamal c2");
        byte[] identity = r.vec16(4096, "client identity");
        byte[] signature = r.vec16(256, "client signature");
        byte[] finished = r.bytes(FINISHED_BYTES, "client Finished");
        r.end("ClientAuth");
        return new ClientAuth(c1, c2, identity, signature, finished);
    }
}
