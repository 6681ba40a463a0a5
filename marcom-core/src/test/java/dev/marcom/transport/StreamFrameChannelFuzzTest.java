package dev.marcom.transport;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.marcom.MalformedInputException;
import dev.marcom.internal.wire.Frames;
import dev.marcom.internal.wire.Preface;
import dev.marcom.testing.Choices;
import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.ByteChannel;
import java.nio.channels.Channels;
import java.nio.channels.ReadableByteChannel;
import java.util.stream.LongStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Property 1 for the stream readers: {@link StreamFrameChannel} and {@link
 * ByteChannelFrameChannel} over arbitrary bytes, delivered in arbitrary chunk sizes, return only
 * frames that pass {@link Frames#check} and fit the protocol maximum, then end of stream, or throw
 * {@link MalformedInputException} or {@link EOFException}; nothing else, and never an allocation
 * larger than a frame may be.
 */
class StreamFrameChannelFuzzTest {

    @FuzzTest(maxDuration = "20s")
    void readFrames(FuzzedDataProvider data) throws Exception {
        readAll(Choices.of(data));
    }

    @ParameterizedTest(name = "case {0}")
    @MethodSource("cases")
    void readFramesSeeded(long seed) throws Exception {
        readAll(Choices.seeded(seed));
    }

    static LongStream cases() {
        return LongStream.range(0, 200);
    }

    static void readAll(Choices c) throws Exception {
        int chunk = c.intIn(1, 64);
        boolean nio = c.bool();
        boolean withPreface = c.percent(85);
        byte[] body = c.rest(70_000);
        if (body.length >= Frames.HEADER_BYTES && c.percent(30)) {
            // Start with a plausible header so that bodies get read.
            body[0] = (byte)
                    c.pick(new Integer[] {0x01, 0x02, 0x03, 0x04, 0x15, 0x17}).intValue();
            int len = c.intIn(0, body.length - Frames.HEADER_BYTES + 8);
            ByteBuffer.wrap(body, 1, 4).putInt(len);
        }
        byte[] bytes = withPreface ? Preface.prepend(body) : body;
        boolean startsWithPreface = bytes.length >= Preface.LENGTH && Preface.matchesSoFar(bytes, Preface.LENGTH);
        InputStream in = new Chunked(new ByteArrayInputStream(bytes), chunk);
        FrameChannel channel = nio
                ? new ByteChannelFrameChannel(readOnly(Channels.newChannel(in)))
                : StreamFrameChannel.of(in, OutputStream.nullOutputStream());
        long total = 0;
        while (true) {
            byte[] f;
            try {
                f = channel.readFrame();
            } catch (MalformedInputException | EOFException e) {
                return;
            } catch (NotMarcomPeerException e) {
                assertThat(startsWithPreface)
                        .as("refused a stream that starts with the preface")
                        .isFalse();
                assertThat(e.excerpt()).doesNotContainPattern("[^\\x20-\\x7e]");
                return;
            } catch (IOException e) {
                throw new AssertionError("only EOFException is expected from a byte array, got " + e, e);
            } catch (RuntimeException | Error e) {
                throw new AssertionError("readFrame threw " + e, e);
            }
            if (f == null) {
                assertThat(total + (bytes.length == 0 ? 0 : Preface.LENGTH)).isEqualTo(bytes.length);
                return;
            }
            assertThat(f.length).isLessThanOrEqualTo(Frames.MAX_FRAME_BYTES);
            assertThat(dev.marcom.testing.Fixtures.typedFailure(() -> Frames.check(f)))
                    .isNull();
            total += f.length;
            assertThat(total).isLessThanOrEqualTo(bytes.length);
        }
    }

    /** Hands out at most {@code chunk} bytes per read, like a socket. */
    private static final class Chunked extends InputStream {
        private final InputStream in;
        private final int chunk;

        Chunked(InputStream in, int chunk) {
            this.in = in;
            this.chunk = chunk;
        }

        @Override
        public int read() throws IOException {
            return in.read();
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            return in.read(b, off, Math.min(len, chunk));
        }

        @Override
        public int available() {
            return 0;
        }
    }

    private static ByteChannel readOnly(ReadableByteChannel ch) {
        return new ByteChannel() {
            @Override
            public int read(ByteBuffer dst) throws IOException {
                return ch.read(dst);
            }

            @Override
            public int write(ByteBuffer src) throws IOException {
                throw new IOException("read-only");
            }

            @Override
            public boolean isOpen() {
                return ch.isOpen();
            }

            @Override
            public void close() throws IOException {
                ch.close();
            }
        };
    }
}
