package dev.marcom.transcript;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.marcom.internal.fs.SafeFiles;
import dev.marcom.testing.TestIdentities;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A transcript holds the plaintext of every message: only its owner may read it. */
class TranscriptFilePermissionsTest {
    @TempDir
    Path dir;

    @Test
    @SuppressWarnings("try") // the writer only has to be open: its file's mode is checked meanwhile
    void aTranscriptIsCreatedOwnerOnly() throws Exception {
        assumeTrue(SafeFiles.isPosix(dir), "POSIX file system");
        Path p = dir.resolve("t.jsonl");
        try (TranscriptWriter w =
                TranscriptWriter.builder(p, TestIdentities.ALICE).open()) {
            // Already when it is created, before any line is written.
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(p)))
                    .isEqualTo("rw-------");
        }
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(p)))
                .isEqualTo("rw-------");
        assertThat(TranscriptVerifier.create().verify(p).messages()).isZero();
    }
}
