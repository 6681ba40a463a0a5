package dev.marcom.identity;

import static dev.marcom.identity.IdentityFileAssertions.FAST;
import static dev.marcom.identity.IdentityFileAssertions.RANDOM;
import static dev.marcom.identity.IdentityFileAssertions.assertFails;
import static dev.marcom.identity.IdentityFileAssertions.assertSameIdentity;
import static org.assertj.core.api.Assertions.assertThat;

import dev.marcom.SignatureAlgorithm;
import dev.marcom.identity.IdentityFileException.Reason;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Identity files written by MARCOM before its PEM and PBES2 code was replaced by BouncyCastle's
 * bcpkix still load, and the new code writes the same bytes where the format is deterministic.
 * The files and how they were made: {@code src/test/resources/identity/pre-bcpkix/README.md}.
 */
class PreBcpkixKeyFilesTest {
    @TempDir
    Path dir;

    static Stream<Arguments> files() {
        return Stream.of(
                Arguments.of(
                        "encrypted-2048",
                        "old format, kept",
                        SignatureAlgorithm.DSA_2048_256,
                        "SHA256:R2qQkuIkLAN7cmK1+OSQmzCAvvgI3UMq1pUconLBEts"),
                Arguments.of(
                        "encrypted-3072-nonascii",
                        "pässwörd \u263a \ud83d\udd11",
                        SignatureAlgorithm.DSA_3072_256,
                        "SHA256:FkSWlz8o/n3e38nox+943JMjtEg+UH/4rcU52K/WNh0"),
                Arguments.of(
                        "plain-2048",
                        null,
                        SignatureAlgorithm.DSA_2048_256,
                        "SHA256:wwsLVlTeFdMWpLqye8/pjE/yWC1F1LemdqT3v5mo+Ww"));
    }

    /** Copies one directory of test files into a fresh directory. */
    private IdentityFiles copy(String name) throws IOException {
        Path target = Files.createDirectory(dir.resolve(name));
        for (String file : new String[] {IdentityFiles.PRIVATE_KEY_FILE_NAME, IdentityFiles.PUBLIC_KEY_FILE_NAME}) {
            try (InputStream in =
                    PreBcpkixKeyFilesTest.class.getResourceAsStream("/identity/pre-bcpkix/" + name + "/" + file)) {
                assertThat(in).as("test resource %s/%s", name, file).isNotNull();
                Files.copy(in, target.resolve(file));
            }
        }
        return IdentityFiles.in(target, FAST);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("files")
    void loads(String name, String passphrase, SignatureAlgorithm size, String fingerprint) throws Exception {
        IdentityFiles files = copy(name);
        assertThat(files.isEncrypted()).isEqualTo(passphrase != null);
        Identity id = files.load(passphrase == null ? null : passphrase.toCharArray());
        assertThat(id.fingerprint()).hasToString(fingerprint);
        assertThat(id.publicIdentity().algorithm()).isEqualTo(size);
        assertThat(files.loadPublic()).isEqualTo(id.publicIdentity());
        if (passphrase != null) {
            assertFails(() -> files.load(null), Reason.PASSPHRASE_REQUIRED, files.privateKeyFile());
            assertFails(
                    () -> files.load("old format, lost".toCharArray()),
                    Reason.WRONG_PASSPHRASE,
                    files.privateKeyFile());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("files")
    void savedAgainByTheNewCodeTheyLoadBack(String name, String passphrase, SignatureAlgorithm size, String fingerprint)
            throws Exception {
        char[] pass = passphrase == null ? null : passphrase.toCharArray();
        Identity id = copy(name).load(pass);
        IdentityFiles again = IdentityFiles.in(dir.resolve("again"), FAST);
        again.save(id, pass, RANDOM, false);
        assertSameIdentity(again.load(pass), id);
        assertThat(again.loadPublic().fingerprint()).hasToString(fingerprint);
    }

    @Test
    void unencryptedFilesAreWrittenByteForByteAsBefore() throws Exception {
        IdentityFiles old = copy("plain-2048");
        Identity id = old.load(null);
        IdentityFiles again = IdentityFiles.in(dir.resolve("again"), FAST);
        again.save(id, null, RANDOM, false);
        assertThat(again.privateKeyFile()).hasSameBinaryContentAs(old.privateKeyFile());
        assertThat(again.publicKeyFile()).hasSameBinaryContentAs(old.publicKeyFile());
    }
}
