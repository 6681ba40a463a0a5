package dev.marcom.identity;

import static dev.marcom.identity.IdentityFileAssertions.FAST;
import static dev.marcom.identity.IdentityFileAssertions.ID_2048;
import static dev.marcom.identity.IdentityFileAssertions.ID_3072;
import static dev.marcom.identity.IdentityFileAssertions.RANDOM;
import static dev.marcom.identity.IdentityFileAssertions.assertFails;
import static dev.marcom.identity.IdentityFileAssertions.assertSameIdentity;
import static dev.marcom.identity.IdentityFileAssertions.identity;
import static dev.marcom.identity.IdentityFileAssertions.names;
import static dev.marcom.identity.IdentityFileAssertions.writePem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.marcom.SignatureAlgorithm;
import dev.marcom.identity.IdentityFileException.Reason;
import dev.marcom.internal.fs.SafeFiles;
import dev.marcom.internal.pem.Pem;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPairGenerator;
import java.security.interfaces.DSAParams;
import java.security.spec.ECGenParameterSpec;
import java.util.Arrays;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.EncryptedPrivateKeyInfo;
import org.bouncycastle.asn1.pkcs.EncryptionScheme;
import org.bouncycastle.asn1.pkcs.KeyDerivationFunc;
import org.bouncycastle.asn1.pkcs.PBES2Parameters;
import org.bouncycastle.asn1.pkcs.PBKDF2Params;
import org.bouncycastle.asn1.pkcs.PKCS12PBEParams;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.DSAParameter;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

class IdentityFilesTest {
    private static final char[] PASSPHRASE = "correct horse battery staple".toCharArray();

    @TempDir
    Path dir;

    private IdentityFiles files() {
        return IdentityFiles.in(dir, FAST);
    }

    private String read(Path file) throws IOException {
        return Files.readString(file, StandardCharsets.US_ASCII);
    }

    @Nested
    class RoundTrips {
        @ParameterizedTest(name = "{0}, encrypted={1}")
        @CsvSource({"DSA_2048_256, true", "DSA_2048_256, false", "DSA_3072_256, true", "DSA_3072_256, false"})
        void savesAndLoads(SignatureAlgorithm size, boolean encrypted) throws Exception {
            Identity id = identity(size);
            IdentityFiles files = files();
            char[] passphrase = encrypted ? PASSPHRASE.clone() : null;
            files.save(id, passphrase, RANDOM, false);

            assertThat(read(files.privateKeyFile()))
                    .startsWith(
                            encrypted ? "-----BEGIN ENCRYPTED PRIVATE KEY-----\n" : "-----BEGIN PRIVATE KEY-----\n");
            assertThat(read(files.publicKeyFile()))
                    .startsWith("-----BEGIN PUBLIC KEY-----\n")
                    .endsWith("-----END PUBLIC KEY-----\n");
            assertThat(files.isEncrypted()).isEqualTo(encrypted);

            Identity loaded = files.load(passphrase);
            assertSameIdentity(loaded, id);
            assertThat(loaded.publicIdentity().algorithm()).isEqualTo(size);
            assertThat(files.loadPublic()).isEqualTo(id.publicIdentity());
            if (encrypted) {
                assertThat(passphrase).as("the caller's array is not modified").isEqualTo(PASSPHRASE);
            }
        }

        @Test
        void encryptedFileUsesPbes2WithPbkdf2HmacSha256AndAes256Cbc() throws Exception {
            IdentityFiles files = IdentityFiles.in(dir, new Pbkdf2Parameters(1234));
            files.save(ID_2048, PASSPHRASE, RANDOM, false);
            byte[] der = Pem.decode(Files.readAllBytes(files.privateKeyFile())).der();
            assertThat(PassphraseEncryption.parse(files.privateKeyFile(), der).description())
                    .isEqualTo("PBKDF2-HMAC-SHA256, AES-256-CBC");

            EncryptedPrivateKeyInfo info = EncryptedPrivateKeyInfo.getInstance(der);
            PBES2Parameters pbes2 =
                    PBES2Parameters.getInstance(info.getEncryptionAlgorithm().getParameters());
            PBKDF2Params kdf =
                    PBKDF2Params.getInstance(pbes2.getKeyDerivationFunc().getParameters());
            byte[] salt = kdf.getSalt();
            byte[] iv = ASN1OctetString.getInstance(pbes2.getEncryptionScheme().getParameters())
                    .getOctets();
            assertThat(salt).hasSize(PassphraseEncryption.SALT_LENGTH);
            assertThat(iv).hasSize(16);
            assertThat(kdf.getIterationCount()).isEqualTo(BigInteger.valueOf(1234));
            // Byte for byte the AlgorithmIdentifier MARCOM wrote before it used bcpkix (and OpenSSL
            // writes): no key length, the PRF with NULL parameters, the IV as an OCTET STRING.
            AlgorithmIdentifier expected = new AlgorithmIdentifier(
                    PKCSObjectIdentifiers.id_PBES2,
                    new PBES2Parameters(
                            new KeyDerivationFunc(
                                    PKCSObjectIdentifiers.id_PBKDF2,
                                    new PBKDF2Params(
                                            salt,
                                            1234,
                                            new AlgorithmIdentifier(
                                                    PKCSObjectIdentifiers.id_hmacWithSHA256, DERNull.INSTANCE))),
                            new EncryptionScheme(NISTObjectIdentifiers.id_aes256_CBC, new DEROctetString(iv))));
            assertThat(info.getEncryptionAlgorithm().getEncoded(ASN1Encoding.DER))
                    .isEqualTo(expected.getEncoded(ASN1Encoding.DER));
        }

        @Test
        void eachSaveUsesAFreshSaltAndIv() throws Exception {
            IdentityFiles files = files();
            files.save(ID_2048, PASSPHRASE, RANDOM, false);
            String first = read(files.privateKeyFile());
            files.save(ID_2048, PASSPHRASE, RANDOM, true);
            assertThat(read(files.privateKeyFile())).isNotEqualTo(first);
        }

        @Test
        void generateSavesANewIdentityThatLoadsBack() throws Exception {
            IdentityFiles files = files();
            Identity id = files.generate(SignatureAlgorithm.DSA_3072_256, PASSPHRASE, RANDOM, false);
            assertThat(id.publicIdentity().algorithm()).isEqualTo(SignatureAlgorithm.DSA_3072_256);
            assertSameIdentity(files.load(PASSPHRASE), id);
        }

        @Test
        void nonAsciiPassphrasesWork() throws Exception {
            char[] passphrase = "pässwörd \u263a \ud83d\udd11".toCharArray();
            files().save(ID_2048, passphrase, RANDOM, false);
            assertSameIdentity(files().load(passphrase), ID_2048);
        }

        @Test
        void aPassphraseForAnUnencryptedKeyIsIgnored() throws Exception {
            files().save(ID_2048, null, RANDOM, false);
            assertSameIdentity(files().load(PASSPHRASE), ID_2048);
        }

        @Test
        void saveCreatesAMissingDirectoryOwnerOnly() throws Exception {
            Path nested = dir.resolve("home").resolve(".marcom");
            IdentityFiles files = IdentityFiles.in(nested, FAST);
            files.save(ID_2048, null, RANDOM, false);
            assertSameIdentity(files.load(null), ID_2048);
            if (SafeFiles.isPosix(dir)) {
                assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(nested)))
                        .isEqualTo("rwx------");
            }
        }
    }

    @Nested
    class Permissions {
        @ParameterizedTest(name = "encrypted={0}")
        @CsvSource({"true", "false"})
        void privateKeyIsOwnerOnlyAndPublicKeyWorldReadable(boolean encrypted) throws Exception {
            assumeTrue(SafeFiles.isPosix(dir), "POSIX file system");
            IdentityFiles files = files();
            files.save(ID_2048, encrypted ? PASSPHRASE : null, RANDOM, false);
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(files.privateKeyFile())))
                    .isEqualTo("rw-------");
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(files.publicKeyFile())))
                    .isEqualTo("rw-r--r--");
        }

        @Test
        void forcedSaveOverALooseFileLeavesItOwnerOnly() throws Exception {
            assumeTrue(SafeFiles.isPosix(dir), "POSIX file system");
            IdentityFiles files = files();
            Files.writeString(files.privateKeyFile(), "old");
            Files.setPosixFilePermissions(files.privateKeyFile(), PosixFilePermissions.fromString("rw-rw-rw-"));
            files.save(ID_2048, null, RANDOM, true);
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(files.privateKeyFile())))
                    .isEqualTo("rw-------");
        }
    }

    @Nested
    class Atomicity {
        @Test
        void leavesNoTemporaryFiles() throws Exception {
            IdentityFiles files = files();
            files.save(ID_2048, PASSPHRASE, RANDOM, false);
            files.save(ID_3072, null, RANDOM, true);
            assertThat(names(dir)).containsExactly("identity.key", "identity.pub");
        }

        @Test
        void refusesToOverwriteWithoutForceAndLeavesTheFilesIntact() throws Exception {
            IdentityFiles files = files();
            files.save(ID_2048, PASSPHRASE, RANDOM, false);
            byte[] key = Files.readAllBytes(files.privateKeyFile());
            byte[] pub = Files.readAllBytes(files.publicKeyFile());

            assertFails(() -> files.save(ID_3072, null, RANDOM, false), Reason.ALREADY_EXISTS, files.privateKeyFile());
            assertFails(
                    () -> files.generate(SignatureAlgorithm.DSA_2048_256, null, RANDOM, false),
                    Reason.ALREADY_EXISTS,
                    files.privateKeyFile());

            assertThat(Files.readAllBytes(files.privateKeyFile())).isEqualTo(key);
            assertThat(Files.readAllBytes(files.publicKeyFile())).isEqualTo(pub);
            assertThat(names(dir)).containsExactly("identity.key", "identity.pub");
            assertSameIdentity(files.load(PASSPHRASE), ID_2048);
        }

        @Test
        void anExistingPublicKeyAloneAlsoBlocksASave() throws Exception {
            IdentityFiles files = files();
            Files.writeString(files.publicKeyFile(), "someone else's");
            assertFails(() -> files.save(ID_2048, null, RANDOM, false), Reason.ALREADY_EXISTS, files.publicKeyFile());
            assertThat(files.privateKeyFile()).doesNotExist();
            assertThat(files.publicKeyFile()).hasContent("someone else's");
            assertThat(files.exists()).isTrue();
        }

        @Test
        void forceReplacesTheIdentity() throws Exception {
            IdentityFiles files = files();
            files.save(ID_2048, PASSPHRASE, RANDOM, false);
            files.save(ID_3072, null, RANDOM, true);
            assertSameIdentity(files.load(null), ID_3072);
        }

        @Test
        void aFailedWriteLeavesNoTemporaryFiles() throws Exception {
            IdentityFiles files = files();
            // A non-empty directory where the key file should go: rename(2) cannot replace it.
            Files.createDirectory(files.privateKeyFile());
            Files.writeString(files.privateKeyFile().resolve("x"), "x");
            assertFails(() -> files.save(ID_2048, PASSPHRASE, RANDOM, true), Reason.IO_ERROR, files.privateKeyFile());
            assertThat(names(dir)).containsExactly("identity.key");
        }
    }

    @Nested
    class Errors {
        @Test
        void missingPrivateKey() {
            IdentityFiles files = files();
            assertThat(files.exists()).isFalse();
            assertFails(() -> files.load(null), Reason.NOT_FOUND, files.privateKeyFile());
            assertFails(files::isEncrypted, Reason.NOT_FOUND, files.privateKeyFile());
        }

        @Test
        void missingPrivateKeyBesideAPublicKey() throws Exception {
            IdentityFiles files = files();
            files.save(ID_2048, null, RANDOM, false);
            Files.delete(files.privateKeyFile());
            assertFails(() -> files.load(null), Reason.NOT_FOUND, files.privateKeyFile());
        }

        @Test
        void missingPublicKey() throws Exception {
            IdentityFiles files = files();
            assertFails(files::loadPublic, Reason.NOT_FOUND, files.publicKeyFile());
            files.save(ID_2048, PASSPHRASE, RANDOM, false);
            Files.delete(files.publicKeyFile());
            IdentityFileException e =
                    assertFails(() -> files.load(PASSPHRASE), Reason.NOT_FOUND, files.publicKeyFile());
            assertThat(e.getMessage()).contains("openssl pkey -in identity.key -pubout");
        }

        @Test
        void encryptedKeyWithoutPassphrase() throws Exception {
            IdentityFiles files = files();
            files.save(ID_2048, PASSPHRASE, RANDOM, false);
            assertThat(files.isEncrypted()).isTrue();
            assertFails(() -> files.load(null), Reason.PASSPHRASE_REQUIRED, files.privateKeyFile());
        }

        @Test
        void wrongPassphraseIsDetected() throws Exception {
            IdentityFiles files = files();
            files.save(ID_2048, PASSPHRASE, RANDOM, false);
            for (int i = 0; i < 50; i++) {
                char[] wrong = ("wrong " + i).toCharArray();
                IdentityFileException e =
                        assertFails(() -> files.load(wrong), Reason.WRONG_PASSPHRASE, files.privateKeyFile());
                assertThat(e.getMessage()).doesNotContain("wrong " + i);
            }
            assertFails(() -> files.load("x".toCharArray()), Reason.WRONG_PASSPHRASE, files.privateKeyFile());
            assertFails(() -> files.load(new char[0]), Reason.WRONG_PASSPHRASE, files.privateKeyFile());
            assertFails(() -> files.load(new char[] {'\ud800'}), Reason.WRONG_PASSPHRASE, files.privateKeyFile());
        }

        @Test
        void wrongPassphraseThatPassesThePaddingCheckIsStillDetected() throws Exception {
            IdentityFiles files = files();
            files.save(ID_2048, PASSPHRASE, RANDOM, false);
            PassphraseEncryption.Encrypted encrypted = PassphraseEncryption.parse(
                    files.privateKeyFile(),
                    Pem.decode(Files.readAllBytes(files.privateKeyFile())).der());
            // About 1 wrong key in 256 yields valid CBC padding; find such a passphrase.
            char[] lucky = null;
            for (int i = 0; lucky == null && i < 10_000; i++) {
                char[] candidate = ("guess " + i).toCharArray();
                try {
                    PassphraseEncryption.decrypt(files.privateKeyFile(), encrypted, candidate);
                    lucky = candidate;
                } catch (IdentityFileException e) {
                    assertThat(e.reason()).isEqualTo(Reason.WRONG_PASSPHRASE);
                }
            }
            assertThat(lucky).as("a wrong passphrase with valid padding").isNotNull();
            char[] guess = lucky;
            assertFails(() -> files.load(guess), Reason.WRONG_PASSPHRASE, files.privateKeyFile());
        }

        @Test
        void notPem() throws Exception {
            IdentityFiles files = files();
            Files.writeString(files.privateKeyFile(), "this is not a key\n");
            assertFails(() -> files.load(null), Reason.BAD_PEM, files.privateKeyFile());
            assertFails(files::isEncrypted, Reason.BAD_PEM, files.privateKeyFile());
            files.save(ID_2048, null, RANDOM, true);
            Files.writeString(files.publicKeyFile(), "ssh-dss AAAAB3NzaC1kc3MAAACBAP... me@host\n");
            assertFails(() -> files.load(null), Reason.BAD_PEM, files.publicKeyFile());
            assertFails(files::loadPublic, Reason.BAD_PEM, files.publicKeyFile());
        }

        @Test
        void wrongPemLabels() throws Exception {
            IdentityFiles files = files();
            writePem(files.privateKeyFile(), "CERTIFICATE", ID_2048.privateKeyPkcs8());
            assertFails(() -> files.load(null), Reason.BAD_PEM, files.privateKeyFile());
            writePem(files.privateKeyFile(), "DSA PRIVATE KEY", new byte[] {0x30, 0});
            assertFails(() -> files.load(null), Reason.BAD_PEM, files.privateKeyFile());
            writePem(files.publicKeyFile(), "PRIVATE KEY", ID_2048.privateKeyPkcs8());
            assertFails(files::loadPublic, Reason.BAD_PEM, files.publicKeyFile());
        }

        @Test
        void fileLargerThanTheLimit() throws Exception {
            IdentityFiles files = files();
            byte[] big = new byte[IdentityFiles.MAX_FILE_SIZE + 1];
            Arrays.fill(big, (byte) 'A');
            Files.write(files.privateKeyFile(), big);
            assertFails(() -> files.load(null), Reason.BAD_PEM, files.privateKeyFile());
        }

        @Test
        void keyFileIsADirectory() throws Exception {
            IdentityFiles files = files();
            Files.createDirectory(files.privateKeyFile());
            assertFails(() -> files.load(null), Reason.IO_ERROR, files.privateKeyFile());
        }

        @Test
        void directoryPathIsAFile() throws Exception {
            Path notADir = Files.writeString(dir.resolve("file"), "x");
            IdentityFiles files = IdentityFiles.in(notADir, FAST);
            assertFails(() -> files.save(ID_2048, null, RANDOM, false), Reason.IO_ERROR, notADir);
        }

        @Test
        void publicKeyOfAnotherIdentity() throws Exception {
            IdentityFiles files = files();
            files.save(ID_2048, PASSPHRASE, RANDOM, false);
            Files.write(files.publicKeyFile(), KeyFileFormat.encodePublic(ID_3072.publicIdentity()));
            IdentityFileException e =
                    assertFails(() -> files.load(PASSPHRASE), Reason.KEY_MISMATCH, files.publicKeyFile());
            assertThat(e.getMessage()).contains(files.privateKeyFile().toString());
        }

        @ParameterizedTest
        @EnumSource(
                value = Reason.class,
                names = {"CORRUPT", "WRONG_PASSPHRASE"})
        void privateValueOutOfRange(Reason expected) throws Exception {
            DSAParams p = ((java.security.interfaces.DSAPrivateKey) ID_2048.privateKey()).getParams();
            for (java.math.BigInteger x : new java.math.BigInteger[] {
                java.math.BigInteger.ZERO, p.getQ(), p.getQ().add(java.math.BigInteger.ONE)
            }) {
                byte[] pkcs8 = new PrivateKeyInfo(
                                new AlgorithmIdentifier(
                                        X9ObjectIdentifiers.id_dsa, new DSAParameter(p.getP(), p.getQ(), p.getG())),
                                new ASN1Integer(x))
                        .getEncoded(ASN1Encoding.DER);
                IdentityFiles files = files();
                if (expected == Reason.CORRUPT) {
                    writePem(files.privateKeyFile(), "PRIVATE KEY", pkcs8);
                    assertFails(() -> files.load(null), Reason.CORRUPT, files.privateKeyFile());
                } else {
                    // Encrypted: a well-decrypting key with a bad value cannot be told from a wrong key.
                    writePem(
                            files.privateKeyFile(),
                            "ENCRYPTED PRIVATE KEY",
                            PassphraseEncryption.encrypt(pkcs8, PASSPHRASE, FAST, RANDOM));
                    assertFails(() -> files.load(PASSPHRASE), Reason.WRONG_PASSPHRASE, files.privateKeyFile());
                }
            }
        }

        @Test
        void emptyPassphraseIsRefusedForSaving() {
            assertThatThrownBy(() -> files().save(ID_2048, new char[0], RANDOM, false))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThat(dir.resolve("identity.key")).doesNotExist();
        }
    }

    @Nested
    class WrongKeyTypes {
        private byte[] foreignPkcs8(String algorithm) throws Exception {
            KeyPairGenerator gen = KeyPairGenerator.getInstance(algorithm);
            switch (algorithm) {
                case "RSA" -> gen.initialize(1024);
                case "EC" -> gen.initialize(new ECGenParameterSpec("secp256r1"));
                case "DSA" -> gen.initialize(1024);
                default -> {}
            }
            return gen.generateKeyPair().getPrivate().getEncoded();
        }

        private byte[] foreignSpki(String algorithm) throws Exception {
            KeyPairGenerator gen = KeyPairGenerator.getInstance(algorithm);
            if (algorithm.equals("DSA")) {
                gen.initialize(1024);
            }
            return gen.generateKeyPair().getPublic().getEncoded();
        }

        @ParameterizedTest
        @CsvSource({"RSA", "EC", "Ed25519", "DSA"})
        void foreignPrivateKeys(String algorithm) throws Exception {
            IdentityFiles files = files();
            writePem(files.privateKeyFile(), "PRIVATE KEY", foreignPkcs8(algorithm));
            assertFails(() -> files.load(null), Reason.WRONG_KEY_TYPE, files.privateKeyFile());
        }

        @ParameterizedTest
        @CsvSource({"RSA", "EC", "DSA"})
        void foreignEncryptedPrivateKeys(String algorithm) throws Exception {
            IdentityFiles files = files();
            writePem(
                    files.privateKeyFile(),
                    "ENCRYPTED PRIVATE KEY",
                    PassphraseEncryption.encrypt(foreignPkcs8(algorithm), PASSPHRASE, FAST, RANDOM));
            assertFails(() -> files.load(PASSPHRASE), Reason.WRONG_KEY_TYPE, files.privateKeyFile());
        }

        @ParameterizedTest
        @CsvSource({"RSA", "EC", "Ed25519", "DSA"})
        void foreignPublicKeys(String algorithm) throws Exception {
            IdentityFiles files = files();
            writePem(files.publicKeyFile(), "PUBLIC KEY", foreignSpki(algorithm));
            assertFails(files::loadPublic, Reason.WRONG_KEY_TYPE, files.publicKeyFile());
            files.save(ID_2048, null, RANDOM, true);
            writePem(files.publicKeyFile(), "PUBLIC KEY", foreignSpki(algorithm));
            assertFails(() -> files.load(null), Reason.WRONG_KEY_TYPE, files.publicKeyFile());
        }

        @Test
        void traditionalOpenSslRsaLabel() throws Exception {
            IdentityFiles files = files();
            writePem(files.privateKeyFile(), "RSA PRIVATE KEY", new byte[] {0x30, 0});
            assertFails(() -> files.load(null), Reason.WRONG_KEY_TYPE, files.privateKeyFile());
        }
    }

    @Nested
    class UnsupportedEncryption {
        private final byte[] salt = new byte[16];
        private final byte[] block = new byte[32];

        private void writeEncrypted(IdentityFiles files, AlgorithmIdentifier scheme) throws Exception {
            writePem(
                    files.privateKeyFile(),
                    "ENCRYPTED PRIVATE KEY",
                    new EncryptedPrivateKeyInfo(scheme, block).getEncoded(ASN1Encoding.DER));
        }

        private AlgorithmIdentifier pbes2(KeyDerivationFunc kdf, ASN1ObjectIdentifier cipher) {
            return new AlgorithmIdentifier(
                    PKCSObjectIdentifiers.id_PBES2,
                    new PBES2Parameters(kdf, new EncryptionScheme(cipher, new DEROctetString(new byte[16]))));
        }

        private KeyDerivationFunc pbkdf2(int iterations, ASN1ObjectIdentifier prf) {
            return new KeyDerivationFunc(
                    PKCSObjectIdentifiers.id_PBKDF2,
                    new PBKDF2Params(salt, iterations, new AlgorithmIdentifier(prf, DERNull.INSTANCE)));
        }

        @Test
        void pbes1TripleDes() throws Exception {
            IdentityFiles files = files();
            writeEncrypted(
                    files,
                    new AlgorithmIdentifier(
                            PKCSObjectIdentifiers.pbeWithSHAAnd3_KeyTripleDES_CBC, new PKCS12PBEParams(salt, 2048)));
            assertFails(() -> files.load(PASSPHRASE), Reason.UNSUPPORTED_ENCRYPTION, files.privateKeyFile());
        }

        @Test
        void scryptKdf() throws Exception {
            IdentityFiles files = files();
            writeEncrypted(
                    files,
                    pbes2(
                            new KeyDerivationFunc(new ASN1ObjectIdentifier("1.3.6.1.4.1.11591.4.11"), DERNull.INSTANCE),
                            NISTObjectIdentifiers.id_aes256_CBC));
            assertFails(() -> files.load(PASSPHRASE), Reason.UNSUPPORTED_ENCRYPTION, files.privateKeyFile());
        }

        @Test
        void aesGcmCipher() throws Exception {
            IdentityFiles files = files();
            writeEncrypted(
                    files,
                    pbes2(pbkdf2(2048, PKCSObjectIdentifiers.id_hmacWithSHA256), NISTObjectIdentifiers.id_aes256_GCM));
            assertFails(() -> files.load(PASSPHRASE), Reason.UNSUPPORTED_ENCRYPTION, files.privateKeyFile());
        }

        @Test
        void md5Prf() throws Exception {
            IdentityFiles files = files();
            writeEncrypted(
                    files,
                    pbes2(
                            pbkdf2(2048, new ASN1ObjectIdentifier("1.2.840.113549.2.6")),
                            NISTObjectIdentifiers.id_aes256_CBC));
            assertFails(() -> files.load(PASSPHRASE), Reason.UNSUPPORTED_ENCRYPTION, files.privateKeyFile());
        }

        @Test
        void iterationCountAboveTheLimitIsRefusedBeforeAnyWork() throws Exception {
            IdentityFiles files = files();
            writeEncrypted(
                    files,
                    pbes2(
                            pbkdf2(Integer.MAX_VALUE, PKCSObjectIdentifiers.id_hmacWithSHA256),
                            NISTObjectIdentifiers.id_aes256_CBC));
            long start = System.nanoTime();
            assertFails(() -> files.load(PASSPHRASE), Reason.UNSUPPORTED_ENCRYPTION, files.privateKeyFile());
            assertThat(System.nanoTime() - start).isLessThan(2_000_000_000L);
        }

        @Test
        void unsupportedSchemesAreReportedBeforeAskingForAPassphrase() throws Exception {
            IdentityFiles files = files();
            writeEncrypted(
                    files,
                    pbes2(pbkdf2(2048, PKCSObjectIdentifiers.id_hmacWithSHA256), NISTObjectIdentifiers.id_aes256_GCM));
            assertFails(() -> files.load(null), Reason.UNSUPPORTED_ENCRYPTION, files.privateKeyFile());
        }
    }

    @Test
    void kdfParametersAreValidated() {
        assertThatThrownBy(() -> new Pbkdf2Parameters(999)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Pbkdf2Parameters(Pbkdf2Parameters.MAX_ITERATIONS + 1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(Pbkdf2Parameters.DEFAULT.iterations()).isEqualTo(600_000);
    }
}
