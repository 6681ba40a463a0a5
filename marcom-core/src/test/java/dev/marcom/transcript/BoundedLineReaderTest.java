package dev.marcom.transcript;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Lines are refused beyond the limit, exactly: a line of the limit's length is read whole. */
class BoundedLineReaderTest {
    private static InputStream lines(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.US_ASCII));
    }

    /** A stream that hands out one byte per read, so a line arrives in many chunks. */
    private static InputStream trickle(String text) {
        byte[] b = text.getBytes(StandardCharsets.US_ASCII);
        return new InputStream() {
            private int i;

            @Override
            public int read() {
                return i < b.length ? b[i++] : -1;
            }

            @Override
            public int read(byte[] out, int off, int len) {
                if (i >= b.length) {
                    return -1;
                }
                out[off] = b[i++];
                return 1;
            }
        };
    }

    @Test
    void aLineOfExactlyTheLimitIsReadAndOneByteMoreIsRefused() throws Exception {
        for (boolean slow : new boolean[] {false, true}) {
            String ok = "x".repeat(20);
            BoundedLineReader r =
                    new BoundedLineReader(slow ? trickle(ok + "\n" + ok + "y\n") : lines(ok + "\n" + ok + "y\n"), 20);
            assertThat(new String(r.next(), StandardCharsets.US_ASCII)).isEqualTo(ok);
            assertThatThrownBy(r::next)
                    .isInstanceOf(TranscriptException.class)
                    .hasMessageContaining("line longer than 20 bytes");
        }
    }

    @Test
    void aLongLineGrowsItsBufferAndComesOutWhole() throws Exception {
        String big = "abcdefghij".repeat(3000);
        BoundedLineReader r = new BoundedLineReader(trickle(big + "\nend"), 40_000);
        assertThat(new String(r.next(), StandardCharsets.US_ASCII)).isEqualTo(big);
        assertThat(new String(r.next(), StandardCharsets.US_ASCII)).isEqualTo("end");
        assertThat(r.terminated()).isFalse();
        assertThat(r.next()).isNull();
    }

    @Test
    void theVerifiersLineLimitIsFromOneKibibyteToOneGibibyte() {
        assertThat(TranscriptVerifier.builder().maxLineBytes(1024).build()).isNotNull();
        assertThat(TranscriptVerifier.builder().maxLineBytes(1 << 30).build()).isNotNull();
        assertThatThrownBy(() -> TranscriptVerifier.builder().maxLineBytes(1023))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> TranscriptVerifier.builder().maxLineBytes((1 << 30) + 1))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
