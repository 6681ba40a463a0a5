package dev.marcom.handshake;

import dev.marcom.MalformedInputException;
import dev.marcom.internal.wire.FrameType;
import dev.marcom.internal.wire.Frames;
import dev.marcom.internal.wire.WireReader;
import dev.marcom.internal.wire.WireWriter;
import java.util.List;

/**
 * NoCommonSuite body, the server's answer to a ClientHello it shares no suite with: {@code suites
 * (u8 n, u16 × n)}, the codes the server supports, encoded as in the ClientHello. The handshake
 * ends there.
 */
final class NoCommonSuite {
    private NoCommonSuite() {}

    static byte[] encode(List<Integer> suites) {
        WireWriter w = new WireWriter();
        w.u8(suites.size());
        suites.forEach(w::u16);
        return Frames.frame(FrameType.NO_COMMON_SUITE, w.toByteArray());
    }

    static List<Integer> parse(byte[] frame) throws MalformedInputException {
        WireReader r = new WireReader(frame, Frames.HEADER_BYTES, frame.length - Frames.HEADER_BYTES);
        List<Integer> suites = ClientHello.codes(r, "suites", 32);
        r.end("NoCommonSuite");
        return suites;
    }
}
