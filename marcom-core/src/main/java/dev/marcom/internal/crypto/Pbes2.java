package dev.marcom.internal.crypto;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.function.Supplier;
import javax.crypto.BadPaddingException;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.EncryptedPrivateKeyInfo;
import org.bouncycastle.asn1.pkcs.EncryptionScheme;
import org.bouncycastle.asn1.pkcs.KeyDerivationFunc;
import org.bouncycastle.asn1.pkcs.PBES2Parameters;
import org.bouncycastle.asn1.pkcs.PBKDF2Params;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.crypto.Digest;
import org.bouncycastle.crypto.digests.SHA1Digest;
import org.bouncycastle.crypto.digests.SHA224Digest;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.digests.SHA384Digest;
import org.bouncycastle.crypto.digests.SHA512Digest;
import org.bouncycastle.crypto.generators.PKCS5S2ParametersGenerator;
import org.bouncycastle.crypto.params.KeyParameter;

/**
 * Passphrase encryption of PKCS#8 private keys: PKCS#5 v2.1 PBES2 (RFC 8018) in an
 * {@code EncryptedPrivateKeyInfo} (RFC 5958), the format of {@code -----BEGIN ENCRYPTED PRIVATE
 * KEY-----} that OpenSSL 1.1 and 3.x write by default.
 *
 * <p>{@link #encrypt} writes PBKDF2-HMAC-SHA256 with a 16-byte random salt and the caller's
 * iteration count, and AES-256-CBC with a random IV. {@link #parse} and {@link #decrypt} read
 * PBKDF2 with HMAC-SHA1 (the RFC 8018 default), -SHA224, -SHA256, -SHA384 or -SHA512, and
 * AES-128/192/256-CBC: every PBES2 variant OpenSSL's {@code -v2} produces with AES. PBES1,
 * PKCS#12 PBE and scrypt are {@link Failure.Kind#UNSUPPORTED}.
 *
 * <p>The passphrase is encoded as UTF-8 (as OpenSSL passes the bytes it is given and the JDK's
 * PBKDF2 encodes), and every intermediate copy of it and of the derived key is wiped.
 */
public final class Pbes2 {
  /** Salt bytes written by {@link #encrypt} (NIST SP 800-132 asks for at least 16). */
  public static final int SALT_LENGTH = 16;

  private static final int AES_BLOCK = 16;
  private static final int MAX_SALT = 1024;

  private Pbes2() {
  }

  /** Why a PBES2 structure could not be read or decrypted. */
  public static final class Failure extends Exception {
    private static final long serialVersionUID = 1L;

    /** The kind of failure. */
    public enum Kind {
      /** The bytes are not a DER EncryptedPrivateKeyInfo with well-formed PBES2 parameters. */
      MALFORMED,
      /** Well-formed, but an algorithm or parameter this class does not implement or allow. */
      UNSUPPORTED,
      /** The padding check failed: a wrong passphrase, or corrupted ciphertext. */
      DECRYPTION_FAILED
    }

    private final Kind kind;

    Failure(Kind kind, String message) {
      super(message);
      this.kind = kind;
    }

    /** What went wrong. */
    public Kind kind() {
      return kind;
    }
  }

  /** A parsed EncryptedPrivateKeyInfo, ready to {@link #decrypt}. */
  public static final class Encrypted {
    private final Supplier<Digest> prf;
    private final String prfName;
    private final byte[] salt;
    private final int iterations;
    private final int keyLength;
    private final byte[] iv;
    private final byte[] ciphertext;

    private Encrypted(Supplier<Digest> prf, String prfName, byte[] salt, int iterations,
        int keyLength, byte[] iv, byte[] ciphertext) {
      this.prf = prf;
      this.prfName = prfName;
      this.salt = salt;
      this.iterations = iterations;
      this.keyLength = keyLength;
      this.iv = iv;
      this.ciphertext = ciphertext;
    }

    /** The PBKDF2 iteration count. */
    public int iterations() {
      return iterations;
    }

    /** A description such as {@code PBKDF2-HMAC-SHA256, AES-256-CBC}. */
    public String description() {
      return "PBKDF2-" + prfName + ", AES-" + (keyLength * 8) + "-CBC";
    }
  }

  /**
   * Encrypts {@code plaintext} (a DER PrivateKeyInfo) under {@code passphrase} with
   * PBKDF2-HMAC-SHA256 ({@code iterations}, 16-byte salt) and AES-256-CBC.
   *
   * @return the DER EncryptedPrivateKeyInfo
   * @throws IllegalArgumentException if {@code iterations} is not positive or the passphrase is
   *     not valid UTF-16 (an unpaired surrogate)
   */
  public static byte[] encrypt(byte[] plaintext, char[] passphrase, int iterations,
      SecureRandom random) {
    if (iterations < 1) {
      throw new IllegalArgumentException("iterations must be positive");
    }
    byte[] salt = new byte[SALT_LENGTH];
    byte[] iv = new byte[AES_BLOCK];
    random.nextBytes(salt);
    random.nextBytes(iv);
    byte[] key = deriveKey(SHA256Digest::new, passphrase, salt, iterations, 32);
    byte[] ciphertext;
    try {
      Cipher c = Cipher.getInstance("AES/CBC/PKCS5Padding");
      c.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"), new IvParameterSpec(iv));
      ciphertext = c.doFinal(plaintext);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-CBC unavailable", e);
    } finally {
      Arrays.fill(key, (byte) 0);
    }
    AlgorithmIdentifier hmacSha256 =
        new AlgorithmIdentifier(PKCSObjectIdentifiers.id_hmacWithSHA256, DERNull.INSTANCE);
    PBES2Parameters params = new PBES2Parameters(
        new KeyDerivationFunc(PKCSObjectIdentifiers.id_PBKDF2,
            new PBKDF2Params(salt, iterations, hmacSha256)),
        new EncryptionScheme(NISTObjectIdentifiers.id_aes256_CBC, new DEROctetString(iv)));
    EncryptedPrivateKeyInfo info = new EncryptedPrivateKeyInfo(
        new AlgorithmIdentifier(PKCSObjectIdentifiers.id_PBES2, params), ciphertext);
    try {
      return info.getEncoded(ASN1Encoding.DER);
    } catch (IOException e) {
      throw new IllegalStateException("DER encoding failed", e);
    }
  }

  /**
   * Parses a DER EncryptedPrivateKeyInfo and checks that it uses a supported PBES2 variant with at
   * most {@code maxIterations} PBKDF2 iterations, without needing the passphrase.
   *
   * @throws Failure of kind {@code MALFORMED} or {@code UNSUPPORTED}
   */
  public static Encrypted parse(byte[] der, int maxIterations) throws Failure {
    EncryptedPrivateKeyInfo info;
    PBES2Parameters pbes2;
    PBKDF2Params kdf;
    ASN1OctetString ivString;
    ASN1ObjectIdentifier cipherOid;
    try {
      ASN1Primitive tree = ASN1Primitive.fromByteArray(der);
      if (!Arrays.equals(tree.getEncoded(ASN1Encoding.DER), der)) {
        throw new Failure(Failure.Kind.MALFORMED, "not DER-encoded");
      }
      info = EncryptedPrivateKeyInfo.getInstance(tree);
      AlgorithmIdentifier scheme = info.getEncryptionAlgorithm();
      if (!PKCSObjectIdentifiers.id_PBES2.equals(scheme.getAlgorithm())) {
        throw new Failure(Failure.Kind.UNSUPPORTED, "encryption scheme "
            + scheme.getAlgorithm().getId() + " is not PBES2");
      }
      pbes2 = PBES2Parameters.getInstance(scheme.getParameters());
      KeyDerivationFunc kdfId = pbes2.getKeyDerivationFunc();
      if (!PKCSObjectIdentifiers.id_PBKDF2.equals(kdfId.getAlgorithm())) {
        throw new Failure(Failure.Kind.UNSUPPORTED, "key derivation function "
            + kdfId.getAlgorithm().getId() + " is not PBKDF2");
      }
      kdf = PBKDF2Params.getInstance(kdfId.getParameters());
      EncryptionScheme enc = pbes2.getEncryptionScheme();
      cipherOid = enc.getAlgorithm();
      ivString = ASN1OctetString.getInstance(enc.getParameters());
    } catch (IOException | RuntimeException e) {
      // BouncyCastle's ASN.1 layer reports malformed input with IOException and a variety of
      // unchecked exceptions (IllegalArgumentException, IllegalStateException, ClassCastException);
      // all of them mean the same thing here.
      throw new Failure(Failure.Kind.MALFORMED, "not a PKCS#8 EncryptedPrivateKeyInfo with PBES2"
          + " parameters");
    }

    int keyLength = aesKeyLength(cipherOid);
    String prfName;
    Supplier<Digest> prf;
    ASN1ObjectIdentifier prfOid = kdf.getPrf().getAlgorithm();
    if (PKCSObjectIdentifiers.id_hmacWithSHA1.equals(prfOid)) {
      prfName = "HMAC-SHA1";
      prf = SHA1Digest::new;
    } else if (PKCSObjectIdentifiers.id_hmacWithSHA224.equals(prfOid)) {
      prfName = "HMAC-SHA224";
      prf = SHA224Digest::new;
    } else if (PKCSObjectIdentifiers.id_hmacWithSHA256.equals(prfOid)) {
      prfName = "HMAC-SHA256";
      prf = SHA256Digest::new;
    } else if (PKCSObjectIdentifiers.id_hmacWithSHA384.equals(prfOid)) {
      prfName = "HMAC-SHA384";
      prf = SHA384Digest::new;
    } else if (PKCSObjectIdentifiers.id_hmacWithSHA512.equals(prfOid)) {
      prfName = "HMAC-SHA512";
      prf = SHA512Digest::new;
    } else {
      throw new Failure(Failure.Kind.UNSUPPORTED, "PBKDF2 PRF " + prfOid.getId()
          + " is not HMAC-SHA1/224/256/384/512");
    }
    ASN1Encodable prfParams = kdf.getPrf().getParameters();
    if (prfParams != null && !DERNull.INSTANCE.equals(prfParams)) {
      throw new Failure(Failure.Kind.MALFORMED, "PBKDF2 PRF with parameters");
    }
    BigInteger declaredKeyLength = kdf.getKeyLength();
    if (declaredKeyLength != null && !declaredKeyLength.equals(BigInteger.valueOf(keyLength))) {
      throw new Failure(Failure.Kind.MALFORMED, "PBKDF2 key length " + declaredKeyLength
          + " does not match AES-" + (keyLength * 8));
    }
    BigInteger count = kdf.getIterationCount();
    if (count.signum() <= 0) {
      throw new Failure(Failure.Kind.MALFORMED, "PBKDF2 iteration count is not positive");
    }
    if (count.compareTo(BigInteger.valueOf(maxIterations)) > 0) {
      throw new Failure(Failure.Kind.UNSUPPORTED, "PBKDF2 iteration count " + count
          + " exceeds the limit of " + maxIterations);
    }
    byte[] salt = kdf.getSalt();
    if (salt.length == 0 || salt.length > MAX_SALT) {
      throw new Failure(Failure.Kind.MALFORMED, "PBKDF2 salt of " + salt.length + " bytes");
    }
    byte[] iv = ivString.getOctets();
    if (iv.length != AES_BLOCK) {
      throw new Failure(Failure.Kind.MALFORMED, "AES-CBC IV of " + iv.length + " bytes");
    }
    byte[] ciphertext = info.getEncryptedData();
    if (ciphertext.length == 0 || ciphertext.length % AES_BLOCK != 0) {
      throw new Failure(Failure.Kind.MALFORMED, "ciphertext of " + ciphertext.length
          + " bytes is not a positive multiple of the AES block size");
    }
    return new Encrypted(prf, prfName, salt.clone(), count.intValueExact(), keyLength, iv.clone(),
        ciphertext.clone());
  }

  /**
   * Decrypts a parsed EncryptedPrivateKeyInfo. The result is the plaintext PrivateKeyInfo bytes,
   * which the caller must still parse: a wrong passphrase passes the CBC padding check about once
   * in 256 tries, so only a parse of the result tells it apart reliably. Wipe the result after
   * use.
   *
   * @throws Failure of kind {@code DECRYPTION_FAILED} if the padding check fails
   * @throws IllegalArgumentException if the passphrase is not valid UTF-16
   */
  public static byte[] decrypt(Encrypted encrypted, char[] passphrase) throws Failure {
    byte[] key = deriveKey(encrypted.prf, passphrase, encrypted.salt, encrypted.iterations,
        encrypted.keyLength);
    try {
      Cipher c = Cipher.getInstance("AES/CBC/PKCS5Padding");
      c.init(Cipher.DECRYPT_MODE, new SecretKeySpec(key, "AES"),
          new IvParameterSpec(encrypted.iv));
      return c.doFinal(encrypted.ciphertext);
    } catch (BadPaddingException e) {
      throw new Failure(Failure.Kind.DECRYPTION_FAILED, "decryption failed");
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-CBC unavailable", e);
    } finally {
      Arrays.fill(key, (byte) 0);
    }
  }

  private static int aesKeyLength(ASN1ObjectIdentifier oid) throws Failure {
    if (NISTObjectIdentifiers.id_aes128_CBC.equals(oid)) {
      return 16;
    }
    if (NISTObjectIdentifiers.id_aes192_CBC.equals(oid)) {
      return 24;
    }
    if (NISTObjectIdentifiers.id_aes256_CBC.equals(oid)) {
      return 32;
    }
    throw new Failure(Failure.Kind.UNSUPPORTED, "cipher " + oid.getId()
        + " is not AES-128/192/256-CBC");
  }

  private static byte[] deriveKey(Supplier<Digest> prf, char[] passphrase, byte[] salt,
      int iterations, int keyLength) {
    byte[] password = utf8(passphrase);
    try {
      // The generator keeps a reference to (not a copy of) the password, wiped below.
      PKCS5S2ParametersGenerator gen = new PKCS5S2ParametersGenerator(prf.get());
      gen.init(password, salt, iterations);
      return ((KeyParameter) gen.generateDerivedParameters(keyLength * 8)).getKey();
    } finally {
      Arrays.fill(password, (byte) 0);
    }
  }

  // encode() returns a heap buffer of its own; all of its backing array is wiped, offset or not.
  @SuppressWarnings("ByteBufferBackingArray")
  private static byte[] utf8(char[] passphrase) {
    CharsetEncoder enc = StandardCharsets.UTF_8.newEncoder()
        .onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer buf;
    try {
      buf = enc.encode(CharBuffer.wrap(passphrase));
    } catch (CharacterCodingException e) {
      throw new IllegalArgumentException("passphrase is not valid UTF-16 text", e);
    }
    byte[] out = new byte[buf.remaining()];
    buf.get(out);
    if (buf.hasArray()) {
      Arrays.fill(buf.array(), (byte) 0);
    }
    return out;
  }
}
