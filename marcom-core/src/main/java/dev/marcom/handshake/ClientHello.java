package dev.marcom.handshake;

import dev.marcom.MalformedInputException;
import dev.marcom.internal.wire.FrameType;
import dev.marcom.internal.wire.Frames;
import dev.marcom.internal.wire.WireReader;
import dev.marcom.internal.wire.WireWriter;
import java.util.ArrayList;
import java.util.List;

/**
 * ClientHello body: {@code versions (u8 n, u16 × n) ‖ suites (u8 n, u16 × n) ‖ nonce (32)}.
 * Unknown suite codes are kept (as raw codes) so a newer client can talk to this server.
 */
record ClientHello(List<Integer> versions, List<Integer> suites, byte[] nonce) {
    static final int NONCE_BYTES = 32;

    byte[] encode() {
        WireWriter w = new WireWriter();
        w.u8(versions.size());
        versions.forEach(w::u16);
        w.u8(suites.size());
        suites.forEach(w::u16);
        w.bytes(nonce);
        return Frames.frame(FrameType.CLIENT_HELLO, w.toByteArray());
    }

    static ClientHello parse(byte[] frame) throws MalformedInputException {
        WireReader r = new WireReader(frame, Frames.HEADER_BYTES, frame.length - Frames.HEADER_BYTES);
        List<Integer> versions = codes(r, "versions", 16);
        List<Integer> suites = codes(r, "suites", 32);
        byte[] nonce = r.bytes(NONCE_BYTES, "client nonce");
        r.end("ClientHello");
        return new ClientHello(versions, suites, nonce);
    }

    private static List<Integer> codes(WireReader r, String what, int max) throws MalformedInputException {
        int n = r.u8(what + " count");
        if (n == 0 || n > max) {
            throw new MalformedInputException(what + " count must be 1.." + max + ", was " + n);
        }
        List<Integer> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(r.u16(what));
        }
        return List.copyOf(out);
    }
}
