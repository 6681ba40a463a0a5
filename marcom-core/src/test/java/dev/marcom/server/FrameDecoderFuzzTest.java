package dev.marcom.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.marcom.MalformedInputException;
import dev.marcom.Role;
import dev.marcom.internal.wire.FrameType;
import dev.marcom.internal.wire.Frames;
import dev.marcom.internal.wire.Preface;
import dev.marcom.testing.Choices;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The non-blocking adapter's incremental parser: however the bytes are cut into reads (one at a
 * time or all at once), it yields the same frames and the same typed failure; a well-formed
 * stream of the expected frame types comes out exactly as it went in; arbitrary bytes only ever
 * cause {@link MalformedInputException} or a foreign-peer failure. Run by Jazzer ({@code
 * JAZZER_FUZZ=1}) and over seeded cases.
 */
class FrameDecoderFuzzTest {

    @FuzzTest(maxDuration = "20s")
    void chunkingDoesNotMatter(FuzzedDataProvider data) {
        property(Choices.of(data));
    }

    @ParameterizedTest(name = "case {0}")
    @MethodSource("cases")
    void chunkingDoesNotMatterSeeded(long seed) {
        property(Choices.seeded(seed ^ 0xDEC0DEL));
    }

    static LongStream cases() {
        return LongStream.range(0, 200);
    }

    /** Frames out and how decoding ended. */
    private record Outcome(List<byte[]> frames, Class<?> failure) {}

    static void property(Choices c) {
        Role role = c.bool() ? Role.SERVER : Role.CLIENT;
        List<byte[]> frames = new ArrayList<>();
        byte[] input;
        boolean wellFormed = c.percent(70);
        if (wellFormed) {
            input = validStream(c, role, frames);
            if (c.percent(40) && input.length > 0) {
                input[c.intIn(0, input.length - 1)] ^= (byte) (1 << c.intIn(0, 7));
                wellFormed = false;
            }
        } else {
            input = c.rest(300);
            if (c.bool()) {
                input = Preface.prepend(input);
            }
        }
        Outcome whole = decode(role, input, new int[] {input.length});
        int[] cuts = new int[c.intIn(0, 20)];
        for (int i = 0; i < cuts.length; i++) {
            cuts[i] = c.intIn(1, 40);
        }
        Outcome pieces = decode(role, input, cuts);
        assertThat(pieces.failure()).isEqualTo(whole.failure());
        assertThat(pieces.frames()).hasSameSizeAs(whole.frames());
        for (int i = 0; i < whole.frames().size(); i++) {
            assertThat(pieces.frames().get(i)).isEqualTo(whole.frames().get(i));
        }
        if (whole.failure() != null) {
            assertThat(whole.failure()).isIn(MalformedInputException.class, FrameDecoder.ForeignBytesException.class);
        }
        if (wellFormed) {
            assertThat(whole.failure()).isNull();
            assertThat(whole.frames()).hasSameSizeAs(frames);
            for (int i = 0; i < frames.size(); i++) {
                assertThat(whole.frames().get(i)).isEqualTo(frames.get(i));
            }
        }
    }

    /** Feeds {@code input} in pieces of the sizes in {@code cuts} (the rest as one last piece). */
    private static Outcome decode(Role role, byte[] input, int[] cuts) {
        FrameDecoder decoder = new FrameDecoder(role);
        List<byte[]> out = new ArrayList<>();
        int pos = 0;
        int i = 0;
        try {
            while (pos < input.length) {
                int n = i < cuts.length ? Math.min(cuts[i++], input.length - pos) : input.length - pos;
                decoder.feed(ByteBuffer.wrap(input, pos, n), out::add);
                pos += n;
            }
            return new Outcome(out, null);
        } catch (MalformedInputException | FrameDecoder.ForeignBytesException e) {
            return new Outcome(out, e.getClass());
        }
    }

    /** The preface and frames of the types the peer of {@code role} sends, in order. */
    private static byte[] validStream(Choices c, Role role, List<byte[]> frames) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(Preface.bytes());
        FrameType[] handshake = role == Role.SERVER
                ? new FrameType[] {FrameType.CLIENT_HELLO, FrameType.CLIENT_AUTH}
                : new FrameType[] {FrameType.SERVER_HELLO, c.bool() ? FrameType.SERVER_FINISHED : FrameType.REFUSAL};
        int n = c.intIn(0, 6);
        for (int i = 0; i < n; i++) {
            FrameType type = i < 2 ? handshake[i] : FrameType.RECORD;
            byte[] frame = Frames.frame(type, c.bytes(c.intIn(0, Math.min(type.maxBody(), 200))));
            frames.add(frame);
            out.writeBytes(frame);
        }
        return out.toByteArray();
    }
}
