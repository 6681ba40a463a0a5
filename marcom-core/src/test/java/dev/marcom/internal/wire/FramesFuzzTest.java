package dev.marcom.internal.wire;

import static dev.marcom.testing.Fixtures.typedFailure;
import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.marcom.MalformedInputException;
import dev.marcom.testing.Choices;
import java.util.stream.LongStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Property 1 for the frame layer: {@link Frames#check} and {@link WireReader} on arbitrary bytes
 * either succeed consistently or throw {@link MalformedInputException}, never anything else.
 */
class FramesFuzzTest {

    @FuzzTest(maxDuration = "20s")
    void check(byte[] frame) {
        checkFrame(frame);
    }

    @FuzzTest(maxDuration = "20s")
    void wireReader(FuzzedDataProvider data) {
        readFields(Choices.of(data));
    }

    @ParameterizedTest(name = "case {0}")
    @MethodSource("cases")
    void checkSeeded(long seed) {
        Choices c = Choices.seeded(seed);
        byte[] f = c.rest(64);
        if (f.length >= Frames.HEADER_BYTES && c.bool()) {
            // A known type with a plausible length, so the length checks are reached.
            FrameType t = c.pick(FrameType.values());
            Frames.writeHeader(t, c.percent(50) ? f.length - Frames.HEADER_BYTES : c.intIn(0, 70_000), f, 0);
        }
        checkFrame(f);
    }

    @ParameterizedTest(name = "case {0}")
    @MethodSource("cases")
    void wireReaderSeeded(long seed) {
        readFields(Choices.seeded(seed));
    }

    static LongStream cases() {
        return LongStream.range(0, 200);
    }

    static void checkFrame(byte[] frame) {
        FrameType[] type = new FrameType[1];
        if (typedFailure(() -> type[0] = Frames.check(frame)) == null) {
            assertThat(type[0]).isSameAs(FrameType.of(frame[0] & 0xff));
            long len = ((frame[1] & 0xffL) << 24)
                    | ((frame[2] & 0xff) << 16)
                    | ((frame[3] & 0xff) << 8)
                    | (frame[4] & 0xff);
            assertThat(len).isEqualTo(frame.length - Frames.HEADER_BYTES);
            assertThat(len).isLessThanOrEqualTo(type[0].maxBody());
        }
        if (frame.length >= Frames.HEADER_BYTES) {
            int[] len = new int[1];
            if (typedFailure(() -> len[0] = Frames.bodyLength(frame, 0)) == null) {
                assertThat(len[0]).isBetween(0, Frames.MAX_RECORD_BODY);
            }
        }
    }

    static void readFields(Choices c) {
        byte[] buf = c.rest(512);
        int offset = c.intIn(0, Math.min(8, buf.length));
        // Callers pass a range inside the buffer, or a negative length for a frame shorter than its
        // header (the parsers do: new WireReader(frame, 5, frame.length - 5)).
        int length = c.intIn(-5, buf.length - offset);
        WireReader r = new WireReader(buf, offset, length);
        int ops = c.intIn(0, 16);
        for (int i = 0; i < ops; i++) {
            int op = c.intIn(0, 5);
            if (typedFailure(() -> {
                        switch (op) {
                            case 0 -> r.u8("u8");
                            case 1 -> r.u16("u16");
                            case 2 -> r.u64("u64");
                            case 3 -> r.bytes(c.intIn(-2, 600), "bytes");
                            case 4 -> r.vec16(c.intIn(0, 0x10000), "vec16");
                            default -> r.end("end");
                        }
                        return null;
                    })
                    != null) {
                return;
            }
        }
    }
}
