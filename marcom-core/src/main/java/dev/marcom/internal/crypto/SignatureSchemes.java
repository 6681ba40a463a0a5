package dev.marcom.internal.crypto;

import dev.marcom.MalformedInputException;
import dev.marcom.SignatureAlgorithm;
import java.util.EnumMap;
import java.util.Map;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;

/**
 * The signature schemes this version implements, by algorithm and by encoded key. Adding an
 * algorithm means a constant in {@link SignatureAlgorithm}, a {@link SignatureScheme} and a line
 * here; the protocol code only ever talks to the interface.
 */
public final class SignatureSchemes {
    /** The Ed25519 key OID of RFC 8410, 1.3.101.112 (bcprov itself keeps its constant internal). */
    public static final ASN1ObjectIdentifier ID_ED25519 = new ASN1ObjectIdentifier("1.3.101.112");

    private static final Map<SignatureAlgorithm, SignatureScheme> SCHEMES = schemes();

    private SignatureSchemes() {}

    private static Map<SignatureAlgorithm, SignatureScheme> schemes() {
        Map<SignatureAlgorithm, SignatureScheme> m = new EnumMap<>(SignatureAlgorithm.class);
        for (SignatureAlgorithm a : SignatureAlgorithm.values()) {
            m.put(
                    a,
                    switch (a) {
                        case DSA_2048_256, DSA_3072_256 -> new DsaScheme(a);
                        case ED25519 -> Ed25519Scheme.INSTANCE;
                        case ML_DSA_65 -> MlDsa65Scheme.INSTANCE;
                    });
        }
        return m;
    }

    /**
     * Returns the scheme of an algorithm.
     *
     * @param algorithm an algorithm
     * @return its scheme
     */
    public static SignatureScheme of(SignatureAlgorithm algorithm) {
        return SCHEMES.get(algorithm);
    }

    /**
     * Finds the scheme a public key belongs to, from its algorithm identifier and parameters.
     *
     * @param subjectPublicKeyInfo the DER encoding of a public key
     * @return its scheme
     * @throws MalformedInputException if it does not parse or no scheme of this version takes it
     */
    public static SignatureScheme forSubjectPublicKeyInfo(byte[] subjectPublicKeyInfo) throws MalformedInputException {
        return of(algorithmOf(parseSpki(subjectPublicKeyInfo).getAlgorithm(), "identity"));
    }

    /**
     * Finds the scheme a private key belongs to, from its algorithm identifier and parameters.
     *
     * @param pkcs8 the DER PKCS#8 PrivateKeyInfo
     * @return its scheme
     * @throws MalformedInputException if it does not parse or no scheme of this version takes it
     */
    public static SignatureScheme forPkcs8(byte[] pkcs8) throws MalformedInputException {
        return of(algorithmOf(parsePkcs8(pkcs8).getPrivateKeyAlgorithm(), "private key"));
    }

    /**
     * The algorithm of a key's algorithm identifier.
     *
     * @param id the identifier from a SubjectPublicKeyInfo or a PrivateKeyInfo
     * @param what what the key is, for the error message
     * @return the algorithm
     * @throws MalformedInputException if no scheme of this version takes it
     */
    public static SignatureAlgorithm algorithmOf(AlgorithmIdentifier id, String what) throws MalformedInputException {
        ASN1ObjectIdentifier oid = id.getAlgorithm();
        if (X9ObjectIdentifiers.id_dsa.equals(oid)) {
            return DsaScheme.algorithmOf(id);
        }
        if (ID_ED25519.equals(oid) && id.getParameters() == null) {
            return SignatureAlgorithm.ED25519;
        }
        if (NISTObjectIdentifiers.id_ml_dsa_65.equals(oid) && id.getParameters() == null) {
            return SignatureAlgorithm.ML_DSA_65;
        }
        throw new MalformedInputException(what + " has key type " + keyTypeName(oid)
                + "; MARCOM identities are DSA (2048/256, 3072/256), Ed25519 or ML-DSA-65");
    }

    /** A readable name for a key type's OID. */
    static String keyTypeName(ASN1ObjectIdentifier oid) {
        if (X9ObjectIdentifiers.id_dsa.equals(oid)) {
            return "DSA";
        }
        if (ID_ED25519.equals(oid)) {
            return "Ed25519";
        }
        if (NISTObjectIdentifiers.id_ml_dsa_65.equals(oid)) {
            return "ML-DSA-65";
        }
        if (PKCSObjectIdentifiers.rsaEncryption.equals(oid)) {
            return "RSA";
        }
        if (X9ObjectIdentifiers.id_ecPublicKey.equals(oid)) {
            return "EC";
        }
        return oid.getId();
    }

    /** Parses a DER SubjectPublicKeyInfo. */
    static SubjectPublicKeyInfo parseSpki(byte[] spki) throws MalformedInputException {
        SubjectPublicKeyInfo info;
        try {
            info = SubjectPublicKeyInfo.getInstance(spki);
        } catch (RuntimeException e) {
            throw new MalformedInputException("identity is not a DER SubjectPublicKeyInfo", e);
        }
        if (info == null) {
            throw new MalformedInputException("identity is not a DER SubjectPublicKeyInfo");
        }
        return info;
    }

    /** Parses a DER PKCS#8 PrivateKeyInfo. */
    static PrivateKeyInfo parsePkcs8(byte[] pkcs8) throws MalformedInputException {
        PrivateKeyInfo info;
        try {
            info = PrivateKeyInfo.getInstance(pkcs8);
        } catch (RuntimeException e) {
            throw new MalformedInputException("not a DER PKCS#8 private key", e);
        }
        if (info == null) {
            throw new MalformedInputException("not a DER PKCS#8 private key");
        }
        return info;
    }

    /**
     * The DSA algorithm of domain parameters with an {@code l}-bit p and an {@code n}-bit q.
     *
     * @param l bits of p
     * @param n bits of q
     * @return {@link SignatureAlgorithm#DSA_2048_256}, {@link SignatureAlgorithm#DSA_3072_256}, or
     *     {@code null} for other sizes
     */
    public static SignatureAlgorithm dsaAlgorithm(int l, int n) {
        return DsaScheme.of(l, n);
    }
}
