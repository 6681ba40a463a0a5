package dev.marcom.transcript;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.marcom.testing.DeterministicBytes;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Fuzz tests for {@link TranscriptVerifier}: arbitrary bytes raise only
 * {@link TranscriptException} with bounded lines, and any edit of a real transcript fails at the
 * first line it changed. {@code mvn test} runs them on the seeds in
 * {@code src/test/resources/dev/marcom/transcript/TranscriptVerifierFuzzTestInputs} and runs the
 * edit property on pseudo-random edits; set {@code JAZZER_FUZZ=1} to fuzz.
 */
class TranscriptVerifierFuzzTest {
    static final TranscriptVerifier SMALL_LINES =
            TranscriptVerifier.builder().maxLineBytes(8 * 1024).build();
    static final TranscriptVerifier VERIFIER = TranscriptVerifier.create();

    /** A real two-sided session's client transcript, recorded once. */
    static final class Original {
        static final byte[] FILE = record();

        private static byte[] record() {
            try {
                Path dir = Files.createTempDirectory("transcript-fuzz");
                try {
                    return Files.readAllBytes(Transcripts.record(dir).client());
                } finally {
                    try (Stream<Path> files = Files.walk(dir)) {
                        files.sorted(Comparator.reverseOrder())
                                .forEach(p -> p.toFile().delete());
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
    }

    @FuzzTest(maxDuration = "5m")
    void arbitraryInput(byte[] input) throws IOException {
        try {
            SMALL_LINES.verify(new ByteArrayInputStream(input));
        } catch (TranscriptException e) {
            assertThat(e.lineNumber()).isBetween(1L, (long) input.length + 1);
            assertThat(e.reason()).isNotNull();
        }
    }

    @FuzzTest(maxDuration = "5m")
    void editedTranscript(FuzzedDataProvider data) throws IOException {
        checkEdit(TranscriptEdits.apply(Original.FILE, new TranscriptEdits.Choices() {
            @Override
            public int pick(int min, int max) {
                return data.consumeInt(min, max);
            }

            @Override
            public byte[] bytes(int maxLength) {
                return data.consumeBytes(maxLength);
            }

            @Override
            public boolean exhausted() {
                return data.remainingBytes() == 0;
            }
        }));
    }

    static void checkEdit(byte[] edited) throws IOException {
        if (Arrays.equals(edited, Original.FILE)) {
            return;
        }
        long expected = TranscriptEdits.expectedFailureLine(Original.FILE, edited);
        try {
            VERIFIER.verify(new ByteArrayInputStream(edited));
        } catch (TranscriptException e) {
            assertThat(e.lineNumber()).as(e.getMessage()).isEqualTo(expected);
            return;
        }
        throw new AssertionError("an edited transcript verified");
    }

    @Test
    @Timeout(300)
    void pseudoRandomEditsFailAtTheFirstChangedLine() throws IOException {
        DeterministicBytes r = new DeterministicBytes("TranscriptVerifierFuzzTest.edits");
        TranscriptEdits.Choices choices = new TranscriptEdits.Choices() {
            @Override
            public int pick(int min, int max) {
                return min + r.nextInt(max - min + 1);
            }

            @Override
            public byte[] bytes(int maxLength) {
                return r.nextBytes(r.nextInt(maxLength + 1));
            }

            @Override
            public boolean exhausted() {
                return false;
            }
        };
        for (int i = 0; i < 400; i++) {
            checkEdit(TranscriptEdits.apply(Original.FILE, choices));
        }
    }

    @Test
    void theOriginalVerifies() throws Exception {
        assertThat(VERIFIER.verify(new ByteArrayInputStream(Original.FILE)).messages())
                .isEqualTo(7);
    }
}
