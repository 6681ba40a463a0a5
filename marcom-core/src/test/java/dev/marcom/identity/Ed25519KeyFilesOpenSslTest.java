package dev.marcom.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.marcom.SignatureAlgorithm;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Ed25519 identity files and the real OpenSSL 3.0, both ways: OpenSSL reads MARCOM's files
 * (encrypted and plain PKCS#8, SubjectPublicKeyInfo) and derives the same public key; MARCOM loads
 * a key OpenSSL generated, and both compute signatures each other verify.
 */
class Ed25519KeyFilesOpenSslTest {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final char[] PASSPHRASE = "correct horse".toCharArray();

    @TempDir
    Path dir;

    @BeforeAll
    static void needsOpenSsl() {
        assumeTrue(OpenSsl.available(), "openssl is not installed");
    }

    @Test
    void openSslReadsMarcomsEncryptedAndPlainFiles() throws Exception {
        Identity id = IdentityFiles.in(dir).generate(SignatureAlgorithm.ED25519, PASSPHRASE, RANDOM, false);
        String key = IdentityFiles.PRIVATE_KEY_FILE_NAME;
        String pub = IdentityFiles.PUBLIC_KEY_FILE_NAME;
        OpenSsl.Result text = OpenSsl.run(dir, "pkey", "-in", key, "-passin", "pass:correct horse", "-noout", "-text")
                .assertOk();
        assertThat(text.out()).contains("ED25519 Private-Key");
        // OpenSSL derives the public key from the private one: it must equal MARCOM's public file.
        byte[] derived = OpenSsl.run(
                        dir, "pkey", "-in", key, "-passin", "pass:correct horse", "-pubout", "-outform", "DER")
                .assertOk()
                .stdout();
        assertThat(derived).isEqualTo(id.publicIdentity().subjectPublicKeyInfo().toByteArray());
        byte[] fromPub = OpenSsl.run(dir, "pkey", "-pubin", "-in", pub, "-outform", "DER")
                .assertOk()
                .stdout();
        assertThat(fromPub).isEqualTo(derived);

        Path plainDir = Files.createDirectory(dir.resolve("plain"));
        IdentityFiles.in(plainDir).save(id, null, RANDOM, false);
        byte[] plainDerived = OpenSsl.run(plainDir, "pkey", "-in", key, "-pubout", "-outform", "DER")
                .assertOk()
                .stdout();
        assertThat(plainDerived).isEqualTo(derived);
    }

    @Test
    void marcomLoadsAnOpenSslKeyAndBothVerifyEachOther() throws Exception {
        OpenSsl.run(dir, "genpkey", "-algorithm", "ED25519", "-out", IdentityFiles.PRIVATE_KEY_FILE_NAME)
                .assertOk();
        OpenSsl.run(
                        dir,
                        "pkey",
                        "-in",
                        IdentityFiles.PRIVATE_KEY_FILE_NAME,
                        "-pubout",
                        "-out",
                        IdentityFiles.PUBLIC_KEY_FILE_NAME)
                .assertOk();
        Identity id = IdentityFiles.in(dir).load(null);
        assertThat(id.algorithm()).isEqualTo(SignatureAlgorithm.ED25519);

        byte[] data = "signed by MARCOM, checked by OpenSSL".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        Files.write(dir.resolve("data"), data);
        Files.write(dir.resolve("marcom.sig"), dev.marcom.testing.Signing.sign(id, data));
        OpenSsl.Result verified = OpenSsl.run(
                        dir,
                        "pkeyutl",
                        "-verify",
                        "-pubin",
                        "-inkey",
                        IdentityFiles.PUBLIC_KEY_FILE_NAME,
                        "-rawin",
                        "-in",
                        "data",
                        "-sigfile",
                        "marcom.sig")
                .assertOk();
        assertThat(verified.out()).contains("Signature Verified Successfully");

        byte[] opensslSig = OpenSsl.run(
                        dir, "pkeyutl", "-sign", "-inkey", IdentityFiles.PRIVATE_KEY_FILE_NAME, "-rawin", "-in", "data")
                .assertOk()
                .stdout();
        assertThat(dev.marcom.testing.Signing.verifies(id.publicIdentity(), data, opensslSig))
                .isTrue();
        opensslSig[10] ^= 1;
        assertThat(dev.marcom.testing.Signing.verifies(id.publicIdentity(), data, opensslSig))
                .isFalse();
    }
}
