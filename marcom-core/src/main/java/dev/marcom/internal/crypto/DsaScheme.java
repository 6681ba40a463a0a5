package dev.marcom.internal.crypto;

import dev.marcom.AuthenticationException;
import dev.marcom.MalformedInputException;
import dev.marcom.SignatureAlgorithm;
import dev.marcom.internal.crypto.dsa.DsaVerifierKind;
import dev.marcom.internal.crypto.dsa.VerifyingDsaPublicKey;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.interfaces.DSAParams;
import java.security.interfaces.DSAPrivateKey;
import java.security.interfaces.DSAPublicKey;
import java.security.spec.DSAPublicKeySpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.DSAParameter;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;

/**
 * DSA over SHA-256 (FIPS 186-4) with 2048/256 or 3072/256 domain parameters, as a
 * {@link SignatureScheme}: keys from the JDK's SUN provider, signatures through {@link Dsa}.
 *
 * <p>A public key is accepted only in canonical DER, with a supported size, a generator and a
 * public value in the order-q subgroup (the generator check is skipped for the published
 * parameter sets MARCOM generates keys with, which are known to be good). Any domain parameters
 * that pass are accepted: the signed data of every MARCOM signature names the signer's key, which
 * is what defeats duplicate-signature key selection (docs/PROTOCOL.md §6.1).
 *
 * <p>Every public key this scheme hands out ({@link #decodePublicKey}, {@link #decodePrivateKey},
 * {@link #generateKeyPair}) is a {@link VerifyingDsaPublicKey}: the JDK's key together with its
 * own verifier, so that whoever holds the key (a {@code PeerIdentity}, and through it a session)
 * holds the verifier's tables, with no cache keyed by keys. {@link #verify} decides with MARCOM's
 * own arithmetic on public values, unless the system property {@code dev.marcom.dsa.verifier}
 * ({@link DsaVerifierKind}) was {@code jdk} when the key was decoded or generated, or the key's
 * parameters are ones that arithmetic does not handle; then the JDK's {@code SHA256withDSA}
 * decides. A key from elsewhere gets a verifier of the property's kind at each call. Signing
 * always stays with BouncyCastle ({@link Dsa}).
 */
final class DsaScheme implements SignatureScheme {
    private final SignatureAlgorithm algorithm;

    DsaScheme(SignatureAlgorithm algorithm) {
        this.algorithm = algorithm;
    }

    /**
     * The algorithm of a DSA key's identifier: DSA with 2048/256 or 3072/256 parameters.
     *
     * @throws MalformedInputException if it is not DSA, has no parameters or another size
     */
    static SignatureAlgorithm algorithmOf(AlgorithmIdentifier id) throws MalformedInputException {
        if (!X9ObjectIdentifiers.id_dsa.equals(id.getAlgorithm())) {
            throw new MalformedInputException("identity is not a DER DSA SubjectPublicKeyInfo");
        }
        ASN1Encodable encoded = id.getParameters();
        DSAParameter p;
        try {
            p = encoded == null ? null : DSAParameter.getInstance(encoded);
        } catch (IllegalArgumentException e) {
            throw new MalformedInputException("identity is not a DER DSA SubjectPublicKeyInfo", e);
        }
        if (p == null) {
            throw new MalformedInputException("DSA identity without domain parameters");
        }
        SignatureAlgorithm a = of(p.getP().bitLength(), p.getQ().bitLength());
        if (a == null) {
            throw unsupportedSize(p.getP(), p.getQ());
        }
        return a;
    }

    /** The algorithm of DSA parameters with {@code l}-bit p and {@code n}-bit q, or null. */
    static SignatureAlgorithm of(int l, int n) {
        if (n != 256) {
            return null;
        }
        return l == 2048 ? SignatureAlgorithm.DSA_2048_256 : l == 3072 ? SignatureAlgorithm.DSA_3072_256 : null;
    }

    private static MalformedInputException unsupportedSize(BigInteger p, BigInteger q) {
        return new MalformedInputException("unsupported DSA size " + p.bitLength() + "/" + q.bitLength()
                + " (MARCOM accepts 2048/256 and 3072/256)");
    }

    @Override
    public SignatureAlgorithm algorithm() {
        return algorithm;
    }

    /** The DER limit MARCOM has always read: far above the 72 bytes of a 256-bit q's signature. */
    @Override
    public int maxSignatureBytes() {
        return 256;
    }

    @Override
    public KeyPair generateKeyPair(SecureRandom random) {
        try {
            KeyPairGenerator gen = KeyPairGenerator.getInstance("DSA", "SUN");
            gen.initialize(DsaDomainParameters.of(algorithm), random);
            KeyPair kp = gen.generateKeyPair();
            return new KeyPair(VerifyingDsaPublicKey.of((DSAPublicKey) kp.getPublic()), kp.getPrivate());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("DSA key generation unavailable", e);
        }
    }

    @Override
    public PublicKey decodePublicKey(byte[] spki) throws MalformedInputException {
        DSAPublicKey key;
        try {
            key = (DSAPublicKey) KeyFactory.getInstance("DSA").generatePublic(new X509EncodedKeySpec(spki));
        } catch (GeneralSecurityException | ClassCastException | IllegalArgumentException e) {
            throw new MalformedInputException("identity is not a DER DSA SubjectPublicKeyInfo", e);
        }
        DSAParams p = key.getParams();
        if (p == null) {
            throw new MalformedInputException("DSA identity without domain parameters");
        }
        if (of(p.getP().bitLength(), p.getQ().bitLength()) != algorithm) {
            throw unsupportedSize(p.getP(), p.getQ());
        }
        // The generator check costs a modular exponentiation; the published parameter sets that
        // MARCOM generates keys with are known to be good, so only other sets pay for it.
        if (!(DsaDomainParameters.isKnown(p) || inSubgroup(p.getG(), p)) || !inSubgroup(key.getY(), p)) {
            throw new MalformedInputException("DSA identity values fail the subgroup check");
        }
        // Re-encode from the decoded values: key.getEncoded() would echo the input's own parameter
        // and key bytes, so INTEGERs with redundant leading zeros would pass as "canonical" and one
        // key would have several fingerprints.
        byte[] canonical;
        try {
            canonical = KeyFactory.getInstance("DSA")
                    .generatePublic(new DSAPublicKeySpec(key.getY(), p.getP(), p.getQ(), p.getG()))
                    .getEncoded();
        } catch (GeneralSecurityException e) {
            throw new MalformedInputException("identity cannot be re-encoded", e);
        }
        if (!Arrays.equals(canonical, spki)) {
            throw new MalformedInputException("identity is not in canonical DER form");
        }
        return VerifyingDsaPublicKey.of(key);
    }

    @Override
    public KeyPair decodePrivateKey(byte[] pkcs8) throws MalformedInputException {
        try {
            KeyFactory kf = KeyFactory.getInstance("DSA");
            DSAPrivateKey priv = (DSAPrivateKey) kf.generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
            DSAParams p = priv.getParams();
            if (priv.getX().signum() <= 0 || priv.getX().compareTo(p.getQ()) >= 0) {
                throw new MalformedInputException("DSA private value out of range (0 < x < q)");
            }
            BigInteger y = p.getG().modPow(priv.getX(), p.getP());
            DSAPublicKey pub = (DSAPublicKey) kf.generatePublic(new DSAPublicKeySpec(y, p.getP(), p.getQ(), p.getG()));
            return new KeyPair(decodePublicKey(pub.getEncoded()), priv);
        } catch (GeneralSecurityException | ClassCastException | IllegalArgumentException e) {
            throw new MalformedInputException("not a DER PKCS#8 DSA private key", e);
        }
    }

    @Override
    public byte[] sign(PrivateKey key, byte[] data) {
        return Dsa.sign(key, data);
    }

    @Override
    public void verify(PublicKey key, byte[] data, byte[] signature, String failure) throws AuthenticationException {
        Dsa.verify(key, data, signature, failure);
    }

    private static boolean inSubgroup(BigInteger v, DSAParams p) {
        BigInteger pm1 = p.getP().subtract(BigInteger.ONE);
        return v.compareTo(BigInteger.ONE) > 0
                && v.compareTo(pm1) < 0
                && v.modPow(p.getQ(), p.getP()).equals(BigInteger.ONE);
    }

    @Override
    public String toString() {
        return algorithm.displayName() + " with SHA-256";
    }
}
