package dev.marcom.identity;

import static dev.marcom.identity.IdentityFileAssertions.FAST;
import static dev.marcom.identity.IdentityFileAssertions.ID_2048;
import static dev.marcom.identity.IdentityFileAssertions.RANDOM;
import static dev.marcom.identity.IdentityFileAssertions.assertSameIdentity;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.marcom.identity.IdentityFileException.Reason;
import dev.marcom.internal.pem.Pem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Damaged identity files: every truncation and every byte with a flipped bit must fail with an
 * {@link IdentityFileException} naming the file, never load and never throw anything else.
 *
 * <p>The exhaustive loops decode in memory through {@link KeyFileFormat#decodePair}, the code
 * {@link IdentityFiles#load} runs once it has read both files, to stay fast; a sample of the same
 * damage also goes through real files.
 */
class IdentityFilesCorruptionTest {
    private static final char[] PASSPHRASE = "tr0ub4dor&3".toCharArray();

    @TempDir
    Path dir;

    private Path keyPath;
    private Path pubPath;
    private byte[] keyFile;
    private byte[] pubFile;

    private IdentityFiles saveOriginal(boolean encrypted) throws Exception {
        IdentityFiles files = IdentityFiles.in(dir, FAST);
        files.save(ID_2048, encrypted ? PASSPHRASE : null, RANDOM, true);
        keyPath = files.privateKeyFile();
        pubPath = files.publicKeyFile();
        keyFile = Files.readAllBytes(keyPath);
        pubFile = Files.readAllBytes(pubPath);
        assertSameIdentity(KeyFileFormat.decodePair(keyPath, keyFile, PASSPHRASE, pubPath, pubFile), ID_2048);
        return files;
    }

    /**
     * Asserts that {@code call} fails because of {@code file}. Damage that leaves a valid but
     * different private key (CBC is malleable and PBES2 has no integrity check) shows as a mismatch
     * with the intact public key file, whose message also names the private key file.
     */
    private IdentityFileException assertFailsOn(ThrowingCallable call, Path file) {
        Throwable t = catchThrowable(call);
        assertThat(t).isInstanceOf(IdentityFileException.class);
        IdentityFileException e = (IdentityFileException) t;
        if (e.reason() == Reason.KEY_MISMATCH) {
            assertThat(e.file()).isEqualTo(pubPath);
            assertThat(e.getMessage()).contains(keyPath.toString());
        } else {
            assertThat(e.file()).as("%s", e.getMessage()).isEqualTo(file);
            assertThat(e.getMessage()).contains(file.toString());
        }
        return e;
    }

    private IdentityFileException damagedKeyFails(byte[] damagedKey) {
        return assertFailsOn(
                () -> KeyFileFormat.decodePair(keyPath, damagedKey, PASSPHRASE, pubPath, pubFile), keyPath);
    }

    private IdentityFileException damagedPubFails(byte[] damagedPub) {
        // decodePublic alone is the stricter check: it must refuse even what decodePair would then
        // report as a mismatch with the private key.
        return assertFailsOn(() -> KeyFileFormat.decodePublic(pubPath, damagedPub), pubPath);
    }

    private static byte[] pem(String label, byte[] der) {
        return Pem.encode(label, der);
    }

    @ParameterizedTest(name = "encrypted={0}")
    @ValueSource(booleans = {true, false})
    void everyTruncationOfThePrivateKeyFileFails(boolean encrypted) throws Exception {
        saveOriginal(encrypted);
        // Dropping only the final line feed leaves a valid file; every shorter prefix must fail.
        for (int n = 0; n < keyFile.length - 1; n++) {
            damagedKeyFails(Arrays.copyOf(keyFile, n));
        }
    }

    @Test
    void everyTruncationOfThePublicKeyFileFails() throws Exception {
        saveOriginal(false);
        for (int n = 0; n < pubFile.length - 1; n++) {
            damagedPubFails(Arrays.copyOf(pubFile, n));
        }
    }

    @ParameterizedTest(name = "encrypted={0}")
    @ValueSource(booleans = {true, false})
    void everyTruncationOfTheDerInsideValidPemFails(boolean encrypted) throws Exception {
        saveOriginal(encrypted);
        Pem.Block block = Pem.decode(keyFile);
        // Cutting into the ciphertext can only be noticed as a failed decryption.
        Set<Reason> expected =
                encrypted ? EnumSet.of(Reason.CORRUPT, Reason.WRONG_PASSPHRASE) : EnumSet.of(Reason.CORRUPT);
        for (int n = 1; n < block.der().length; n++) {
            IdentityFileException e = damagedKeyFails(pem(block.label(), Arrays.copyOf(block.der(), n)));
            assertThat(e.reason()).as("cut at %d: %s", n, e.getMessage()).isIn(expected);
        }
        Pem.Block pub = Pem.decode(pubFile);
        for (int n = 1; n < pub.der().length; n++) {
            IdentityFileException e = damagedPubFails(pem(pub.label(), Arrays.copyOf(pub.der(), n)));
            assertThat(e.reason()).isEqualTo(Reason.CORRUPT);
        }
    }

    @Test
    void everyByteOfThePrivateKeyFileWithABitFlippedFails() throws Exception {
        // The PEM layer is the same for both kinds of key file; the encrypted content is covered
        // byte by byte below.
        saveOriginal(false);
        for (int i = 0; i < keyFile.length; i++) {
            // Alternately a bit that cycles through all eight and bit 5, which swaps the case of a
            // letter: the base64 stays valid and the damage reaches the DER decoder.
            byte[] damaged = keyFile.clone();
            damaged[i] ^= (byte) (1 << (i % 2 == 0 ? (i / 2) % 8 : 5));
            damagedKeyFails(damaged);
        }
    }

    @ParameterizedTest(name = "encrypted={0}")
    @ValueSource(booleans = {true, false})
    void everyByteOfThePrivateKeyDerWithABitFlippedFails(boolean encrypted) throws Exception {
        saveOriginal(encrypted);
        Pem.Block block = Pem.decode(keyFile);
        for (int i = 0; i < block.der().length; i++) {
            byte[] damaged = block.der().clone();
            damaged[i] ^= (byte) (1 << (i % 8));
            damagedKeyFails(pem(block.label(), damaged));
        }
    }

    @Test
    void everyByteOfThePublicKeyDerWithABitFlippedFails() throws Exception {
        saveOriginal(false);
        byte[] der = Pem.decode(pubFile).der();
        for (int i = 0; i < der.length; i++) {
            byte[] damaged = der.clone();
            damaged[i] ^= (byte) (1 << (i % 8));
            damagedPubFails(pem("PUBLIC KEY", damaged));
        }
    }

    @Test
    void publicKeyWhoseBitStringClaimsUnusedBitsFails() throws Exception {
        saveOriginal(false);
        byte[] der = Pem.decode(pubFile).der();
        // SubjectPublicKeyInfo ::= SEQUENCE { algorithm, BIT STRING }: find the BIT STRING's
        // unused-bits byte after the outer header and the AlgorithmIdentifier.
        int algorithmStart = 4; // 30 82 LL LL
        int algorithmLength = ((der[algorithmStart + 2] & 0xff) << 8) | (der[algorithmStart + 3] & 0xff);
        int bitString = algorithmStart + 4 + algorithmLength;
        assertThat(der[bitString]).isEqualTo((byte) 0x03);
        int unusedBits = bitString + 4; // 03 82 LL LL
        assertThat(der[unusedBits]).isZero();
        for (int bits = 1; bits <= 7; bits++) {
            byte[] damaged = der.clone();
            damaged[unusedBits] = (byte) bits;
            IdentityFileException e = damagedPubFails(pem("PUBLIC KEY", damaged));
            assertThat(e.reason()).isEqualTo(Reason.CORRUPT);
        }
    }

    @Test
    void randomContentUnderEveryLabelFails() throws Exception {
        saveOriginal(false);
        for (int i = 0; i < 200; i++) {
            byte[] junk = new byte[1 + RANDOM.nextInt(1200)];
            RANDOM.nextBytes(junk);
            if (i % 3 == 0) {
                junk[0] = 0x30; // a SEQUENCE tag, to get past the first check more often
            }
            damagedKeyFails(pem("PRIVATE KEY", junk));
            damagedKeyFails(pem("ENCRYPTED PRIVATE KEY", junk));
            damagedKeyFails(junk);
            damagedPubFails(pem("PUBLIC KEY", junk));
            damagedPubFails(junk);
        }
    }

    @ParameterizedTest(name = "encrypted={0}")
    @ValueSource(booleans = {true, false})
    void damagedFilesOnDiskFailTheSameWay(boolean encrypted) throws Exception {
        IdentityFiles files = saveOriginal(encrypted);
        for (int n = 0; n < keyFile.length - 1; n += 13) {
            Files.write(keyPath, Arrays.copyOf(keyFile, n));
            assertFailsOn(() -> files.load(PASSPHRASE), keyPath);
        }
        for (int i = 3; i < keyFile.length; i += 17) {
            byte[] damaged = keyFile.clone();
            damaged[i] ^= (byte) (1 << 5);
            Files.write(keyPath, damaged);
            assertFailsOn(() -> files.load(PASSPHRASE), keyPath);
        }
        Files.write(keyPath, keyFile);
        for (int n = 0; n < pubFile.length - 1; n += 13) {
            Files.write(pubPath, Arrays.copyOf(pubFile, n));
            assertFailsOn(() -> files.load(PASSPHRASE), pubPath);
            assertFailsOn(files::loadPublic, pubPath);
        }
        Files.write(pubPath, pubFile);
        assertSameIdentity(files.load(PASSPHRASE), ID_2048);
    }
}
