package dev.marcom.identity;

import dev.marcom.identity.IdentityFileException.Reason;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.nio.file.Path;
import java.security.Provider;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Map;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.EncryptedPrivateKeyInfo;
import org.bouncycastle.asn1.pkcs.EncryptionScheme;
import org.bouncycastle.asn1.pkcs.KeyDerivationFunc;
import org.bouncycastle.asn1.pkcs.PBES2Parameters;
import org.bouncycastle.asn1.pkcs.PBKDF2Params;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.crypto.util.PBKDF2Config;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.operator.InputDecryptor;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.OutputEncryptor;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfoBuilder;
import org.bouncycastle.pkcs.jcajce.JcePKCSPBEInputDecryptorProviderBuilder;
import org.bouncycastle.pkcs.jcajce.JcePKCSPBEOutputEncryptorBuilder;

/**
 * Passphrase encryption of PKCS#8 private keys, PBES2 (RFC 8018) in an
 * {@code EncryptedPrivateKeyInfo} (RFC 5958), the format OpenSSL writes by default: BouncyCastle's
 * bcpkix does the cryptography; this class decides what MARCOM writes and what it agrees to read.
 *
 * <p>Writing: PBKDF2-HMAC-SHA256 with a fresh {@value #SALT_LENGTH}-byte salt and the
 * {@link Pbkdf2Parameters} iteration count, then AES-256-CBC with a fresh IV. Reading: PBKDF2 with
 * HMAC-SHA1 (RFC 8018's default), -SHA224, -SHA256, -SHA384 or -SHA512 and AES-128/192/256-CBC,
 * every PBES2 variant OpenSSL's {@code -v2} produces with AES. Everything else (PBES1, PKCS#12
 * PBE, scrypt, more than {@link Pbkdf2Parameters#MAX_ITERATIONS} iterations) is refused by
 * {@link #parse} before a passphrase is asked for or any key is derived.
 *
 * <p>Passphrases are encoded as UTF-8, as OpenSSL passes on what it is given. This class makes no
 * copy of the passphrase or of the derived key; the copies inside BouncyCastle and the JCA (key
 * specs, key objects, cipher state) are out of its reach. Its own copy of the decrypted key is
 * handed to the caller to wipe.
 */
final class PassphraseEncryption {
    /** Salt bytes written (NIST SP 800-132 asks for at least 16). */
    static final int SALT_LENGTH = 16;

    private static final int AES_BLOCK = 16;
    private static final int MAX_SALT = 1024;
    private static final Map<ASN1ObjectIdentifier, String> PRFS = Map.of(
            PKCSObjectIdentifiers.id_hmacWithSHA1, "HMAC-SHA1",
            PKCSObjectIdentifiers.id_hmacWithSHA224, "HMAC-SHA224",
            PKCSObjectIdentifiers.id_hmacWithSHA256, "HMAC-SHA256",
            PKCSObjectIdentifiers.id_hmacWithSHA384, "HMAC-SHA384",
            PKCSObjectIdentifiers.id_hmacWithSHA512, "HMAC-SHA512");
    private static final Map<ASN1ObjectIdentifier, Integer> AES_CBC_KEY_BYTES = Map.of(
            NISTObjectIdentifiers.id_aes128_CBC, 16,
            NISTObjectIdentifiers.id_aes192_CBC, 24,
            NISTObjectIdentifiers.id_aes256_CBC, 32);

    private PassphraseEncryption() {}

    /**
     * BouncyCastle's JCA provider, passed to bcpkix as an object and never registered in the JVM.
     * bcpkix's JCE builders need a provider that knows PBES2's OIDs: the JDK's maps the AES-CBC
     * OIDs to unpadded ciphers. Built once, on first use: building one loads about 500 classes.
     */
    private static final class Bc {
        static final Provider PROVIDER = new BouncyCastleProvider();
    }

    /** A parsed EncryptedPrivateKeyInfo that uses a scheme MARCOM reads; nothing derived yet. */
    static final class Encrypted {
        private final PKCS8EncryptedPrivateKeyInfo info;
        private final String description;

        private Encrypted(PKCS8EncryptedPrivateKeyInfo info, String description) {
            this.info = info;
            this.description = description;
        }

        /** A description such as {@code PBKDF2-HMAC-SHA256, AES-256-CBC}. */
        String description() {
            return description;
        }
    }

    /**
     * Encrypts {@code pkcs8}, a DER PrivateKeyInfo, under {@code passphrase}.
     *
     * @return the DER EncryptedPrivateKeyInfo
     * @throws IllegalArgumentException if the passphrase is not valid UTF-16 (an unpaired
     *     surrogate), so that no UTF-8 encoding of it exists
     */
    static byte[] encrypt(byte[] pkcs8, char[] passphrase, Pbkdf2Parameters kdf, SecureRandom random) {
        if (!isValidUtf16(passphrase)) {
            throw new IllegalArgumentException("passphrase is not valid UTF-16 text");
        }
        PBKDF2Config pbkdf2 = new PBKDF2Config.Builder()
                .withPRF(PBKDF2Config.PRF_SHA256)
                .withIterationCount(kdf.iterations())
                .withSaltLength(SALT_LENGTH)
                .build();
        try {
            OutputEncryptor encryptor = new JcePKCSPBEOutputEncryptorBuilder(
                            pbkdf2, NISTObjectIdentifiers.id_aes256_CBC)
                    .setProvider(Bc.PROVIDER)
                    .setRandom(random)
                    .build(passphrase);
            return new PKCS8EncryptedPrivateKeyInfoBuilder(pkcs8)
                    .build(encryptor)
                    .toASN1Structure()
                    .getEncoded(ASN1Encoding.DER);
        } catch (OperatorCreationException | IOException e) {
            throw new IllegalStateException("PBKDF2-HMAC-SHA256 with AES-256-CBC unavailable", e);
        }
    }

    /**
     * Parses a DER EncryptedPrivateKeyInfo and checks its scheme and parameters, without the
     * passphrase and without deriving anything.
     *
     * @throws IdentityFileException {@link Reason#UNSUPPORTED_ENCRYPTION} for a scheme, algorithm
     *     or iteration count MARCOM does not read, {@link Reason#CORRUPT} for malformed content
     */
    static Encrypted parse(Path file, byte[] der) throws IdentityFileException {
        EncryptedPrivateKeyInfo info;
        PBES2Parameters pbes2;
        PBKDF2Params kdf;
        ASN1ObjectIdentifier cipher;
        ASN1OctetString iv;
        try {
            ASN1Primitive tree = ASN1Primitive.fromByteArray(der);
            if (!Arrays.equals(tree.getEncoded(ASN1Encoding.DER), der)) {
                throw corrupt(file, "not DER-encoded");
            }
            info = EncryptedPrivateKeyInfo.getInstance(tree);
            AlgorithmIdentifier scheme = info.getEncryptionAlgorithm();
            if (!PKCSObjectIdentifiers.id_PBES2.equals(scheme.getAlgorithm())) {
                throw unsupported(
                        file, "encryption scheme " + scheme.getAlgorithm().getId() + " is not PBES2");
            }
            pbes2 = PBES2Parameters.getInstance(scheme.getParameters());
            KeyDerivationFunc kdfId = pbes2.getKeyDerivationFunc();
            if (!PKCSObjectIdentifiers.id_PBKDF2.equals(kdfId.getAlgorithm())) {
                throw unsupported(
                        file, "key derivation function " + kdfId.getAlgorithm().getId() + " is not PBKDF2");
            }
            kdf = PBKDF2Params.getInstance(kdfId.getParameters());
            EncryptionScheme enc = pbes2.getEncryptionScheme();
            cipher = enc.getAlgorithm();
            iv = ASN1OctetString.getInstance(enc.getParameters());
        } catch (IOException | RuntimeException e) {
            // BouncyCastle's ASN.1 layer reports malformed input with IOException and a variety of
            // unchecked exceptions (IllegalArgumentException, IllegalStateException, ClassCastException,
            // NullPointerException for a missing element); all of them mean the same thing here.
            throw corrupt(file, "not a PKCS#8 EncryptedPrivateKeyInfo with PBES2 parameters");
        }

        Integer keyBytes = AES_CBC_KEY_BYTES.get(cipher);
        if (keyBytes == null) {
            throw unsupported(file, "cipher " + cipher.getId() + " is not AES-128/192/256-CBC");
        }
        ASN1ObjectIdentifier prf = kdf.getPrf().getAlgorithm();
        String prfName = PRFS.get(prf);
        if (prfName == null) {
            throw unsupported(file, "PBKDF2 PRF " + prf.getId() + " is not HMAC-SHA1/224/256/384/512");
        }
        ASN1Encodable prfParams = kdf.getPrf().getParameters();
        if (prfParams != null && !DERNull.INSTANCE.equals(prfParams)) {
            throw corrupt(file, "PBKDF2 PRF with parameters");
        }
        BigInteger declaredKeyLength = kdf.getKeyLength();
        if (declaredKeyLength != null && !declaredKeyLength.equals(BigInteger.valueOf(keyBytes))) {
            throw corrupt(file, "PBKDF2 key length " + declaredKeyLength + " does not match AES-" + (keyBytes * 8));
        }
        BigInteger count = kdf.getIterationCount();
        if (count.signum() <= 0) {
            throw corrupt(file, "PBKDF2 iteration count is not positive");
        }
        if (count.compareTo(BigInteger.valueOf(Pbkdf2Parameters.MAX_ITERATIONS)) > 0) {
            throw unsupported(
                    file,
                    "PBKDF2 iteration count " + count + " exceeds the limit of " + Pbkdf2Parameters.MAX_ITERATIONS);
        }
        int saltLength = kdf.getSalt().length;
        if (saltLength == 0 || saltLength > MAX_SALT) {
            throw corrupt(file, "PBKDF2 salt of " + saltLength + " bytes");
        }
        if (iv.getOctets().length != AES_BLOCK) {
            throw corrupt(file, "AES-CBC IV of " + iv.getOctets().length + " bytes");
        }
        int ciphertextLength = info.getEncryptedData().length;
        if (ciphertextLength == 0 || ciphertextLength % AES_BLOCK != 0) {
            throw corrupt(
                    file,
                    "ciphertext of " + ciphertextLength + " bytes is not a positive multiple of the AES block size");
        }
        return new Encrypted(
                new PKCS8EncryptedPrivateKeyInfo(info), "PBKDF2-" + prfName + ", AES-" + (keyBytes * 8) + "-CBC");
    }

    /**
     * Decrypts a parsed key. The result is the plaintext PrivateKeyInfo bytes, which the caller must
     * still parse and then wipe: a wrong passphrase passes the CBC padding check about once in 256
     * tries, and only the parse tells it apart.
     *
     * @throws IdentityFileException {@link Reason#WRONG_PASSPHRASE} if the padding check fails, the
     *     passphrase is empty, or it is not valid UTF-16 (so it cannot be the one that encrypted the
     *     key); {@link Reason#CORRUPT} if BouncyCastle cannot set up the decryption
     */
    static byte[] decrypt(Path file, Encrypted encrypted, char[] passphrase) throws IdentityFileException {
        if (!isValidUtf16(passphrase)) {
            throw KeyFileFormat.wrongPassphrase(file);
        }
        if (passphrase.length == 0) {
            // BouncyCastle's PBKDF2 refuses empty passwords. MARCOM never encrypts with one; OpenSSL
            // can (-passout pass:), and such a file does not load.
            throw new IdentityFileException(
                    Reason.WRONG_PASSPHRASE, file, "wrong passphrase: an empty passphrase never decrypts a key here");
        }
        InputDecryptor decryptor;
        try {
            // Derives the key: the iteration count was bounded by parse.
            decryptor = new JcePKCSPBEInputDecryptorProviderBuilder()
                    .setProvider(Bc.PROVIDER)
                    .build(passphrase)
                    .get(encrypted.info.getEncryptionAlgorithm());
        } catch (OperatorCreationException | RuntimeException e) {
            throw new IdentityFileException(
                    Reason.CORRUPT, file, "cannot set up decryption with these PBES2 parameters", e);
        }
        byte[] ciphertext = encrypted.info.getEncryptedData();
        byte[] buffer = new byte[ciphertext.length]; // CBC padding makes the plaintext shorter
        int length;
        try (InputStream in = decryptor.getInputStream(new ByteArrayInputStream(ciphertext))) {
            length = in.readNBytes(buffer, 0, buffer.length);
        } catch (IOException | RuntimeException e) {
            Arrays.fill(buffer, (byte) 0);
            throw KeyFileFormat.wrongPassphrase(file);
        }
        byte[] plaintext = Arrays.copyOf(buffer, length);
        Arrays.fill(buffer, (byte) 0);
        return plaintext;
    }

    /** Whether every surrogate is paired, so that the text has a UTF-8 encoding. */
    private static boolean isValidUtf16(char[] text) {
        for (int i = 0; i < text.length; i++) {
            if (Character.isHighSurrogate(text[i])) {
                if (i + 1 == text.length || !Character.isLowSurrogate(text[i + 1])) {
                    return false;
                }
                i++;
            } else if (Character.isLowSurrogate(text[i])) {
                return false;
            }
        }
        return true;
    }

    private static IdentityFileException corrupt(Path file, String detail) {
        return new IdentityFileException(Reason.CORRUPT, file, detail);
    }

    private static IdentityFileException unsupported(Path file, String detail) {
        return new IdentityFileException(Reason.UNSUPPORTED_ENCRYPTION, file, detail);
    }
}
