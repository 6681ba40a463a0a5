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
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.bouncycastle.math.ec.rfc8032.Ed25519;

/**
 * Ed25519 (RFC 8032, pure) as a {@link SignatureScheme}, on BouncyCastle's lightweight
 * implementation, which measured several times faster than the JDK 17 SunEC provider's.
 *
 * <p>Keys are RFC 8410: a public key is the 44-byte SubjectPublicKeyInfo with OID 1.3.101.112 and
 * no parameters, accepted only in that canonical form and only if the point is canonically encoded,
 * on the curve and of full prime order (BouncyCastle's full validation); so small-order and mixed-
 * order keys, which would let a signature verify for several messages or keys, are refused. A
 * private key is a PKCS#8 v1 holding the 32-byte seed (as OpenSSL writes it); a v2 key's optional
 * public key must match. Verification is strict in RFC 8032's sense: {@code S < L}, R and A
 * canonically encoded, and the cofactorless equation.
 */
final class Ed25519Scheme implements SignatureScheme {
    static final Ed25519Scheme INSTANCE = new Ed25519Scheme();

    /** Bytes of an encoded public key and of a signature. */
    static final int KEY_BYTES = 32;

    static final int SIGNATURE_BYTES = 64;
    private static final AlgorithmIdentifier ALGORITHM = new AlgorithmIdentifier(SignatureSchemes.ID_ED25519);

    private Ed25519Scheme() {}

    @Override
    public SignatureAlgorithm algorithm() {
        return SignatureAlgorithm.ED25519;
    }

    @Override
    public int maxSignatureBytes() {
        return SIGNATURE_BYTES;
    }

    @Override
    public KeyPair generateKeyPair(SecureRandom random) {
        Ed25519PrivateKeyParameters priv = new Ed25519PrivateKeyParameters(random);
        byte[] seed = priv.getEncoded();
        try {
            return new KeyPair(publicKey(priv.generatePublicKey()), privateKey(seed, priv));
        } finally {
            Arrays.fill(seed, (byte) 0);
        }
    }

    @Override
    public PublicKey decodePublicKey(byte[] spki) throws MalformedInputException {
        byte[] raw = LightweightKeys.rawPublicKey(spki, ALGORITHM, KEY_BYTES, "Ed25519");
        Ed25519.PublicPoint point = Ed25519.validatePublicKeyFullExport(raw, 0);
        if (point == null) {
            throw new MalformedInputException(
                    "Ed25519 identity is not a canonical point of full order (small-order or invalid key)");
        }
        PublicKey key = publicKey(new Ed25519PublicKeyParameters(point));
        if (!Arrays.equals(key.getEncoded(), spki)) {
            throw new MalformedInputException("identity is not in canonical DER form");
        }
        return key;
    }

    @Override
    public KeyPair decodePrivateKey(byte[] pkcs8) throws MalformedInputException {
        PrivateKeyInfo info = SignatureSchemes.parsePkcs8(pkcs8);
        if (!ALGORITHM.equals(info.getPrivateKeyAlgorithm())) {
            throw new MalformedInputException("not a PKCS#8 Ed25519 private key (RFC 8410)");
        }
        byte[] seed;
        try {
            seed = ASN1OctetString.getInstance(info.parsePrivateKey()).getOctets();
        } catch (IOException | RuntimeException e) {
            throw new MalformedInputException("the Ed25519 private key is not an OCTET STRING", e);
        }
        try {
            if (seed.length != KEY_BYTES) {
                throw new MalformedInputException("an Ed25519 private key must be 32 bytes");
            }
            Ed25519PrivateKeyParameters priv = new Ed25519PrivateKeyParameters(seed);
            Ed25519PublicKeyParameters pub = priv.generatePublicKey();
            if (!LightweightKeys.publicPartAbsentOrEqual(info, pub.getEncoded())) {
                throw new MalformedInputException("the Ed25519 key's public part does not match its private part");
            }
            return new KeyPair(publicKey(pub), privateKey(seed, priv));
        } finally {
            Arrays.fill(seed, (byte) 0);
        }
    }

    @Override
    public byte[] sign(PrivateKey key, byte[] data) {
        Ed25519PrivateKeyParameters priv = (Ed25519PrivateKeyParameters) params(key);
        byte[] signature = new byte[SIGNATURE_BYTES];
        priv.sign(Ed25519.Algorithm.Ed25519, null, data, 0, data.length, signature, 0);
        return signature;
    }

    @Override
    public void verify(PublicKey key, byte[] data, byte[] signature, String failure) throws AuthenticationException {
        if (!(key instanceof LightweightKeys.Public k)
                || !(k.parameters() instanceof Ed25519PublicKeyParameters pub)
                || signature.length != SIGNATURE_BYTES
                || !pub.verify(Ed25519.Algorithm.Ed25519, null, data, 0, data.length, signature, 0)) {
            throw new AuthenticationException(failure);
        }
    }

    private static PublicKey publicKey(Ed25519PublicKeyParameters pub) {
        byte[] spki = LightweightKeys.spki(ALGORITHM, pub.getEncoded());
        return new LightweightKeys.Public("Ed25519", spki, pub);
    }

    /** PKCS#8 v1 with the seed in a CurvePrivateKey OCTET STRING (RFC 8410 §7), as OpenSSL writes. */
    private static PrivateKey privateKey(byte[] seed, Ed25519PrivateKeyParameters priv) {
        byte[] pkcs8;
        try {
            pkcs8 = new PrivateKeyInfo(ALGORITHM, new DEROctetString(seed)).getEncoded(ASN1Encoding.DER);
        } catch (IOException e) {
            throw new IllegalStateException("DER encoding failed", e);
        }
        try {
            return new LightweightKeys.Private("Ed25519", pkcs8, priv);
        } finally {
            Arrays.fill(pkcs8, (byte) 0);
        }
    }

    private static Object params(PrivateKey key) {
        if (key instanceof LightweightKeys.Private p) {
            return p.parameters();
        }
        throw new IllegalArgumentException("not an Ed25519 key of this library");
    }

    @Override
    public String toString() {
        return "Ed25519";
    }
}
