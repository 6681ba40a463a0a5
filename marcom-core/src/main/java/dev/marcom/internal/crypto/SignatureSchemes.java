package dev.marcom.internal.crypto;

import dev.marcom.MalformedInputException;
import dev.marcom.SignatureAlgorithm;
import java.util.EnumMap;
import java.util.Map;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;

/**
 * The signature schemes this version implements, by algorithm and by encoded key. Adding an
 * algorithm means a constant in {@link SignatureAlgorithm}, a {@link SignatureScheme} and a line
 * here; the protocol code only ever talks to the interface.
 */
public final class SignatureSchemes {
    private static final Map<SignatureAlgorithm, SignatureScheme> SCHEMES = schemes();

    private SignatureSchemes() {}

    private static Map<SignatureAlgorithm, SignatureScheme> schemes() {
        Map<SignatureAlgorithm, SignatureScheme> m = new EnumMap<>(SignatureAlgorithm.class);
        for (SignatureAlgorithm a : SignatureAlgorithm.values()) {
            m.put(
                    a,
                    switch (a) {
                        case DSA_2048_256, DSA_3072_256 -> new DsaScheme(a);
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
        SubjectPublicKeyInfo info;
        try {
            info = SubjectPublicKeyInfo.getInstance(subjectPublicKeyInfo);
        } catch (RuntimeException e) {
            throw new MalformedInputException("identity is not a DER SubjectPublicKeyInfo", e);
        }
        if (info == null) {
            throw new MalformedInputException("identity is not a DER SubjectPublicKeyInfo");
        }
        return of(DsaScheme.algorithmOf(info.getAlgorithm()));
    }

    /**
     * Finds the scheme a private key belongs to, from its algorithm identifier and parameters.
     *
     * @param pkcs8 the DER PKCS#8 PrivateKeyInfo
     * @return its scheme
     * @throws MalformedInputException if it does not parse or no scheme of this version takes it
     */
    public static SignatureScheme forPkcs8(byte[] pkcs8) throws MalformedInputException {
        PrivateKeyInfo info;
        try {
            info = PrivateKeyInfo.getInstance(pkcs8);
        } catch (RuntimeException e) {
            throw new MalformedInputException("not a DER PKCS#8 DSA private key", e);
        }
        if (info == null) {
            throw new MalformedInputException("not a DER PKCS#8 DSA private key");
        }
        return of(DsaScheme.algorithmOf(info.getPrivateKeyAlgorithm()));
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
