package dev.marcom.internal.crypto;

import dev.marcom.AuthenticationException;
import dev.marcom.MalformedInputException;
import dev.marcom.SignatureAlgorithm;
import java.io.IOException;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.util.Arrays;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.crypto.generators.MLDSAKeyPairGenerator;
import org.bouncycastle.crypto.params.MLDSAKeyGenerationParameters;
import org.bouncycastle.crypto.params.MLDSAParameters;
import org.bouncycastle.crypto.params.MLDSAPrivateKeyParameters;
import org.bouncycastle.crypto.params.MLDSAPublicKeyParameters;
import org.bouncycastle.crypto.signers.MLDSASigner;
import org.bouncycastle.crypto.util.PrivateKeyFactory;
import org.bouncycastle.crypto.util.PrivateKeyInfoFactory;

/**
 * ML-DSA-65 (FIPS 204) as a {@link SignatureScheme}, on BouncyCastle's lightweight implementation:
 * pure mode with the empty context string (every MARCOM signed input already begins with its own
 * label), and the deterministic signing variant of FIPS 204 §3.4 (rnd = 0^256), as MARCOM signs
 * DSA with RFC 6979 nonces: a signature never depends on the random source.
 *
 * <p>Keys are in the IETF LAMPS format (RFC 9881): a public key is the SubjectPublicKeyInfo with
 * OID 2.16.840.1.101.3.4.3.18, no parameters and the 1,952-byte key, accepted only in that exact
 * form; a private key is PKCS#8 in the 32-byte seed form, which MARCOM writes (OpenSSL 3.5 and
 * later read it), or the "both" form, whose expanded key must match the seed. The expanded-only form
 * is refused: without the seed the key cannot be checked or re-encoded.
 */
final class MlDsa65Scheme implements SignatureScheme {
    static final MlDsa65Scheme INSTANCE = new MlDsa65Scheme();

    /** Bytes of the encoded public key (rho ‖ t1). */
    static final int KEY_BYTES = 1952;

    /** Bytes of a signature. */
    static final int SIGNATURE_BYTES = 3309;

    private static final AlgorithmIdentifier ALGORITHM = new AlgorithmIdentifier(NISTObjectIdentifiers.id_ml_dsa_65);

    private MlDsa65Scheme() {}

    @Override
    public SignatureAlgorithm algorithm() {
        return SignatureAlgorithm.ML_DSA_65;
    }

    @Override
    public int maxSignatureBytes() {
        return SIGNATURE_BYTES;
    }

    @Override
    public KeyPair generateKeyPair(SecureRandom random) {
        MLDSAKeyPairGenerator gen = new MLDSAKeyPairGenerator();
        gen.init(new MLDSAKeyGenerationParameters(random, MLDSAParameters.ml_dsa_65));
        MLDSAPrivateKeyParameters priv =
                (MLDSAPrivateKeyParameters) gen.generateKeyPair().getPrivate();
        return new KeyPair(publicKey(priv.getPublicKeyParameters()), privateKey(priv));
    }

    @Override
    public PublicKey decodePublicKey(byte[] spki) throws MalformedInputException {
        byte[] raw = LightweightKeys.rawPublicKey(spki, ALGORITHM, KEY_BYTES, "ML-DSA-65");
        PublicKey key = publicKey(new MLDSAPublicKeyParameters(MLDSAParameters.ml_dsa_65, raw));
        if (!Arrays.equals(key.getEncoded(), spki)) {
            throw new MalformedInputException("identity is not in canonical DER form");
        }
        return key;
    }

    @Override
    public KeyPair decodePrivateKey(byte[] pkcs8) throws MalformedInputException {
        PrivateKeyInfo info = SignatureSchemes.parsePkcs8(pkcs8);
        if (!ALGORITHM.equals(info.getPrivateKeyAlgorithm())) {
            throw new MalformedInputException("not a PKCS#8 ML-DSA-65 private key");
        }
        MLDSAPrivateKeyParameters priv;
        try {
            priv = (MLDSAPrivateKeyParameters) PrivateKeyFactory.createKey(info);
        } catch (IOException | RuntimeException e) {
            throw new MalformedInputException("the ML-DSA-65 private key does not parse or is inconsistent", e);
        }
        if (priv.getSeed() == null) {
            throw new MalformedInputException(
                    "the ML-DSA-65 private key has no seed (expanded-only form); MARCOM needs the seed form");
        }
        // Rebuild from the seed alone, so a "both" key whose expanded half disagrees cannot sign
        // with one key and publish another.
        MLDSAPrivateKeyParameters fromSeed = new MLDSAPrivateKeyParameters(MLDSAParameters.ml_dsa_65, priv.getSeed());
        if (!Arrays.equals(fromSeed.getEncoded(), priv.getEncoded())) {
            throw new MalformedInputException("the ML-DSA-65 key's expanded form does not match its seed");
        }
        if (!LightweightKeys.publicPartAbsentOrEqual(
                info, fromSeed.getPublicKeyParameters().getEncoded())) {
            throw new MalformedInputException("the ML-DSA-65 key's public part does not match its private part");
        }
        return new KeyPair(publicKey(fromSeed.getPublicKeyParameters()), privateKey(fromSeed));
    }

    @Override
    public byte[] sign(PrivateKey key, byte[] data) {
        if (!(key instanceof LightweightKeys.Private p)
                || !(p.parameters() instanceof MLDSAPrivateKeyParameters priv)) {
            throw new IllegalArgumentException("not an ML-DSA-65 key of this library");
        }
        MLDSASigner signer = new MLDSASigner();
        signer.init(true, priv);
        signer.update(data, 0, data.length);
        try {
            return signer.generateSignature();
        } catch (org.bouncycastle.crypto.CryptoException e) {
            throw new IllegalStateException("ML-DSA signing failed", e);
        }
    }

    @Override
    public void verify(PublicKey key, byte[] data, byte[] signature, String failure) throws AuthenticationException {
        if (!(key instanceof LightweightKeys.Public k)
                || !(k.parameters() instanceof MLDSAPublicKeyParameters pub)
                || signature.length != SIGNATURE_BYTES) {
            throw new AuthenticationException(failure);
        }
        MLDSASigner verifier = new MLDSASigner();
        verifier.init(false, pub);
        verifier.update(data, 0, data.length);
        if (!verifier.verifySignature(signature)) {
            throw new AuthenticationException(failure);
        }
    }

    private static PublicKey publicKey(MLDSAPublicKeyParameters pub) {
        byte[] spki = LightweightKeys.spki(ALGORITHM, pub.getEncoded());
        return new LightweightKeys.Public("ML-DSA-65", spki, pub);
    }

    /** PKCS#8 in the seed-only form of RFC 9881. */
    private static PrivateKey privateKey(MLDSAPrivateKeyParameters priv) {
        byte[] pkcs8;
        try {
            pkcs8 = PrivateKeyInfoFactory.createPrivateKeyInfo(
                            priv.withPreferredFormat(MLDSAPrivateKeyParameters.SEED_ONLY))
                    .getEncoded(ASN1Encoding.DER);
        } catch (IOException e) {
            throw new IllegalStateException("DER encoding failed", e);
        }
        try {
            return new LightweightKeys.Private("ML-DSA-65", pkcs8, priv);
        } finally {
            Arrays.fill(pkcs8, (byte) 0);
        }
    }

    @Override
    public String toString() {
        return "ML-DSA-65";
    }
}
