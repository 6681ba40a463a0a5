package dev.marcom.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.marcom.internal.fs.SafeFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MarcomHomeTest {
    @TempDir
    Path tmp;

    @Test
    void explicitPathWinsOverEnvironmentAndUserHome() {
        MarcomHome home = MarcomHome.resolve(
                Optional.of(tmp.resolve("explicit")),
                Map.of("MARCOM_HOME", tmp.resolve("env").toString()),
                tmp.resolve("user"));
        assertThat(home.directory()).isEqualTo(tmp.resolve("explicit"));
    }

    @Test
    void environmentVariableWinsOverUserHome() {
        MarcomHome home = MarcomHome.resolve(
                Optional.empty(), Map.of("MARCOM_HOME", tmp.resolve("env").toString()), tmp.resolve("user"));
        assertThat(home.directory()).isEqualTo(tmp.resolve("env"));
    }

    @Test
    void defaultIsDotMarcomInTheUserHome() {
        MarcomHome home = MarcomHome.resolve(Optional.empty(), Map.of("HOME", "/elsewhere"), tmp.resolve("user"));
        assertThat(home.directory()).isEqualTo(tmp.resolve("user").resolve(".marcom"));
    }

    @Test
    void emptyEnvironmentVariableCountsAsUnset() {
        MarcomHome home = MarcomHome.resolve(Optional.empty(), Map.of("MARCOM_HOME", ""), tmp.resolve("user"));
        assertThat(home.directory()).isEqualTo(tmp.resolve("user").resolve(".marcom"));
    }

    @Test
    void processConvenienceUsesTheExplicitPathWhenGiven() {
        assertThat(MarcomHome.resolve(Optional.of(tmp)).directory()).isEqualTo(tmp);
    }

    @Test
    void resolvingCreatesNothing() {
        MarcomHome.resolve(Optional.empty(), Map.of(), tmp);
        assertThat(tmp.resolve(".marcom")).doesNotExist();
    }

    @Test
    void createMakesOwnerOnlyDirectoriesIncludingMissingParents() throws IOException {
        assumeTrue(SafeFiles.isPosix(tmp), "POSIX file system");
        Path dir = tmp.resolve("a").resolve("b").resolve(".marcom");
        MarcomHome home = new MarcomHome(dir).create();
        assertThat(home.directory()).isDirectory();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir)))
                .isEqualTo("rwx------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(tmp.resolve("a"))))
                .isEqualTo("rwx------");
    }

    @Test
    void createLeavesAnExistingDirectoryAsItIs() throws IOException {
        assumeTrue(SafeFiles.isPosix(tmp), "POSIX file system");
        Path dir = Files.createDirectory(tmp.resolve("existing"));
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-x---"));
        Files.writeString(dir.resolve("keep"), "x");
        new MarcomHome(dir).create();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir)))
                .isEqualTo("rwxr-x---");
        assertThat(dir.resolve("keep")).hasContent("x");
    }

    @Test
    void createFailsIfThePathIsAFile() throws IOException {
        Path file = Files.writeString(tmp.resolve("file"), "x");
        assertThatThrownBy(() -> new MarcomHome(file).create()).isInstanceOf(IOException.class);
    }

    @Test
    void identityFilesLiveInTheHomeDirectory() {
        IdentityFiles files = new MarcomHome(tmp).identityFiles();
        assertThat(files.privateKeyFile()).isEqualTo(tmp.resolve("identity.key"));
        assertThat(files.publicKeyFile()).isEqualTo(tmp.resolve("identity.pub"));
        assertThat(files.kdf()).isEqualTo(Pbkdf2Parameters.DEFAULT);
    }

    @Test
    void rejectsNullDirectory() {
        assertThatThrownBy(() -> new MarcomHome(null)).isInstanceOf(NullPointerException.class);
    }
}
