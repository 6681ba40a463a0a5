package dev.marcom.internal.fs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SafeFilesTest {
    @TempDir
    Path dir;

    @Test
    void temporaryFileHasTheRequestedPermissionsAndContent() throws Exception {
        assumeTrue(SafeFiles.isPosix(dir), "POSIX file system");
        Path tmp = SafeFiles.writeTemporary(dir, "identity.key", new byte[] {1, 2, 3}, SafeFiles.OWNER_ONLY_FILE);
        assertThat(tmp.getParent()).isEqualTo(dir);
        assertThat(tmp.getFileName().toString()).startsWith(".identity.key.").endsWith(".tmp");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(tmp)))
                .isEqualTo("rw-------");
        assertThat(Files.readAllBytes(tmp)).containsExactly(1, 2, 3);
    }

    @Test
    void publishWithoutReplaceNeverTouchesAnExistingTarget() throws Exception {
        Path target = Files.writeString(dir.resolve("target"), "old");
        Path tmp = SafeFiles.writeTemporary(
                dir, "target", "new".getBytes(StandardCharsets.UTF_8), SafeFiles.WORLD_READABLE_FILE);
        assertThatThrownBy(() -> SafeFiles.publish(tmp, target, false)).isInstanceOf(FileAlreadyExistsException.class);
        assertThat(target).hasContent("old");
        assertThat(tmp).exists();
    }

    @Test
    void publishMovesTheTemporaryFileIntoPlace() throws Exception {
        Path target = dir.resolve("target");
        Path tmp = SafeFiles.writeTemporary(
                dir, "target", "new".getBytes(StandardCharsets.UTF_8), SafeFiles.WORLD_READABLE_FILE);
        SafeFiles.publish(tmp, target, false);
        assertThat(target).hasContent("new");
        Path tmp2 = SafeFiles.writeTemporary(
                dir, "target", "newer".getBytes(StandardCharsets.UTF_8), SafeFiles.WORLD_READABLE_FILE);
        SafeFiles.publish(tmp2, target, true);
        assertThat(target).hasContent("newer");
        try (Stream<Path> s = Files.list(dir)) {
            assertThat(s).containsExactly(target);
        }
    }

    @Test
    void createNewMakesAFileWithTheRequestedPermissionsAndNeverOpensAnExistingOne() throws Exception {
        Path file = dir.resolve("private");
        try (FileChannel ch = SafeFiles.createNew(file, SafeFiles.OWNER_ONLY_FILE)) {
            if (SafeFiles.isPosix(dir)) {
                assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
                        .isEqualTo("rw-------");
            }
            ch.write(ByteBuffer.wrap("secret".getBytes(StandardCharsets.UTF_8)));
        }
        assertThat(file).hasContent("secret");
        assertThatThrownBy(() -> SafeFiles.createNew(file, SafeFiles.OWNER_ONLY_FILE))
                .isInstanceOf(FileAlreadyExistsException.class);
        assertThat(file).hasContent("secret");
    }
}
