package dev.marcom.testing;

import dev.marcom.MalformedInputException;
import dev.marcom.internal.wire.Frames;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Splits the concatenated frames {@code Session.seal} returns into single frames. */
public final class FrameSplitter {
    private FrameSplitter() {}

    public static List<byte[]> split(byte[] frames) {
        List<byte[]> out = new ArrayList<>();
        int pos = 0;
        try {
            while (pos < frames.length) {
                int len = Frames.HEADER_BYTES + Frames.bodyLength(frames, pos);
                out.add(Arrays.copyOfRange(frames, pos, pos + len));
                pos += len;
            }
        } catch (MalformedInputException e) {
            throw new AssertionError("seal produced an invalid frame", e);
        }
        return out;
    }
}
