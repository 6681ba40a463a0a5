package dev.marcom.transcript;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.marcom.transcript.TranscriptException.Reason;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The verifier's input handling: bounded lines, truncation, encodings, options. */
@Timeout(120)
class TranscriptVerifierInputTest {
    @TempDir
    static Path dir;

    static byte[] file;
    static List<String> lines;

    @BeforeAll
    static void record() throws Exception {
        Path p = Transcripts.record(dir).client();
        file = Files.readAllBytes(p);
        lines = Files.readAllLines(p, StandardCharsets.UTF_8);
    }

    static TranscriptException failure(TranscriptVerifier v, InputStream in) {
        try {
            v.verify(in);
        } catch (TranscriptException e) {
            return e;
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        throw new AssertionError("verification passed");
    }

    /** An endless stream of 'a' with no newline. */
    static final class Endless extends InputStream {
        long served;

        @Override
        public int read() {
            served++;
            return 'a';
        }

        @Override
        public int read(byte[] b, int off, int len) {
            Arrays.fill(b, off, off + len, (byte) 'a');
            served += len;
            return len;
        }
    }

    @Test
    void anEndlessLineFailsAfterTheLimitWithoutBufferingIt() {
        Endless in = new Endless();
        TranscriptException e =
                failure(TranscriptVerifier.builder().maxLineBytes(4096).build(), in);
        assertThat(e.lineNumber()).isEqualTo(1);
        assertThat(e.reason()).isEqualTo(Reason.MALFORMED);
        assertThat(e.getMessage()).contains("longer than 4096 bytes");
        assertThat(in.served).isLessThanOrEqualTo(4096 + 64 * 1024);
    }

    @Test
    void anOverlongLineIsNamed() {
        byte[] longLine = new byte[5000];
        Arrays.fill(longLine, (byte) 'x');
        String text = lines.get(0) + "\n" + new String(longLine, StandardCharsets.US_ASCII) + "\n";
        TranscriptException e = failure(
                TranscriptVerifier.builder().maxLineBytes(4096).build(),
                new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
        assertThat(e.lineNumber()).isEqualTo(2);
        assertThat(e.getMessage()).contains("longer than");
    }

    @Test
    void emptyInputIsNotATranscript() {
        TranscriptException e = failure(TranscriptVerifier.create(), new ByteArrayInputStream(new byte[0]));
        assertThat(e.lineNumber()).isEqualTo(1);
        assertThat(e.reason()).isEqualTo(Reason.CONTINUITY);
    }

    @Test
    void invalidUtf8IsMalformed() {
        byte[] bad = file.clone();
        bad[10] = (byte) 0xc0;
        TranscriptException e = failure(TranscriptVerifier.create(), new ByteArrayInputStream(bad));
        assertThat(e.lineNumber()).isEqualTo(1);
        assertThat(e.reason()).isEqualTo(Reason.MALFORMED);
        assertThat(e.getMessage()).contains("UTF-8");
    }

    @Test
    void aMissingEndLineFailsUnlessAllowed() throws Exception {
        String withoutEnd = String.join("\n", lines.subList(0, 7)) + "\n";
        byte[] bytes = withoutEnd.getBytes(StandardCharsets.UTF_8);
        TranscriptException e = failure(TranscriptVerifier.create(), new ByteArrayInputStream(bytes));
        assertThat(e.lineNumber()).isEqualTo(8);
        assertThat(e.reason()).isEqualTo(Reason.CONTINUITY);

        TranscriptVerifier lenient =
                TranscriptVerifier.builder().allowUnclosed(true).build();
        TranscriptSummary s = lenient.verify(new ByteArrayInputStream(bytes));
        assertThat(s.closed()).isFalse();
        assertThat(s.messages()).isEqualTo(7);
        // A crash in the middle of writing a line leaves it without a newline: it is ignored.
        byte[] partial = (withoutEnd + lines.get(7).substring(0, 100)).getBytes(StandardCharsets.UTF_8);
        assertThat(lenient.verify(new ByteArrayInputStream(partial)).messages()).isEqualTo(7);
        // But lines must still verify, and lines after the end line still fail.
        assertThat(lenient.verify(new ByteArrayInputStream(file)).closed()).isTrue();
        byte[] edited = withoutEnd.replace("\"hello\"", "\"hellO\"").getBytes(StandardCharsets.UTF_8);
        assertThat(failure(lenient, new ByteArrayInputStream(edited)).lineNumber())
                .isEqualTo(1);
        assertThat(failure(lenient, new ByteArrayInputStream(new byte[0])).lineNumber())
                .isEqualTo(1);
    }

    @Test
    void optionsAreValidated() {
        assertThatThrownBy(() -> TranscriptVerifier.builder().maxLineBytes(100))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> TranscriptVerifier.builder().maxLineBytes((1 << 30) + 1))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
