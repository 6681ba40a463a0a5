package dev.marcom.internal.crypto;

import dev.marcom.MalformedInputException;
import java.io.IOException;
import java.security.Key;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.util.Arrays;
import org.bouncycastle.asn1.ASN1BitString;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.crypto.params.AsymmetricKeyParameter;

/**
 * Keys of the schemes that run on BouncyCastle's lightweight API (Ed25519, ML-DSA), held as JCA
 * {@link PublicKey}/{@link PrivateKey} so identities treat every algorithm alike: the standard
 * encoding for files and fingerprints beside the decoded parameters that sign and verify, decoded
 * once (an Ed25519 key keeps its decompressed point, an ML-DSA key its expanded matrix seed).
 */
final class LightweightKeys {
    private LightweightKeys() {}

    /** What both kinds hold: the algorithm's name, the standard encoding and the parameters. */
    private abstract static class Held implements Key {
        private static final long serialVersionUID = 1L;

        private final String algorithm;
        private final byte[] encoded;
        private final transient AsymmetricKeyParameter parameters;

        Held(String algorithm, byte[] encoded, AsymmetricKeyParameter parameters) {
            this.algorithm = algorithm;
            this.encoded = encoded.clone();
            this.parameters = parameters;
        }

        AsymmetricKeyParameter parameters() {
            return parameters;
        }

        @Override
        public String getAlgorithm() {
            return algorithm;
        }

        @Override
        public byte[] getEncoded() {
            return encoded.clone();
        }

        boolean sameEncoding(Held other) {
            return Arrays.equals(encoded, other.encoded);
        }
    }

    /** A public key: its SubjectPublicKeyInfo and its decoded parameters. */
    static final class Public extends Held implements PublicKey {
        private static final long serialVersionUID = 1L;

        Public(String algorithm, byte[] subjectPublicKeyInfo, AsymmetricKeyParameter parameters) {
            super(algorithm, subjectPublicKeyInfo, parameters);
        }

        @Override
        public String getFormat() {
            return "X.509";
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Public p && sameEncoding(p);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(getEncoded());
        }

        @Override
        public String toString() {
            return getAlgorithm() + " public key";
        }
    }

    /** A private key: its PKCS#8 encoding and its decoded parameters; never printed. */
    static final class Private extends Held implements PrivateKey {
        private static final long serialVersionUID = 1L;

        Private(String algorithm, byte[] pkcs8, AsymmetricKeyParameter parameters) {
            super(algorithm, pkcs8, parameters);
        }

        @Override
        public String getFormat() {
            return "PKCS#8";
        }

        @Override
        public String toString() {
            return getAlgorithm() + " private key";
        }
    }

    /**
     * Whether the optional public key of a PKCS#8 v2 key (RFC 5958) is absent or is exactly
     * {@code expected}; a BIT STRING with unused bits never matches.
     *
     * @param info the parsed private key
     * @param expected the encoding of the public key derived from the private part
     * @return true if it is absent or equal
     */
    static boolean publicPartAbsentOrEqual(PrivateKeyInfo info, byte[] expected) {
        ASN1BitString given = info.getPublicKeyData();
        return given == null || (given.getPadBits() == 0 && Arrays.equals(given.getOctets(), expected));
    }

    /**
     * Wraps a raw public key of an algorithm without parameters in its SubjectPublicKeyInfo.
     *
     * @param algorithm the key's algorithm identifier
     * @param raw the key's bytes, as the BIT STRING holds them
     * @return the DER encoding
     */
    static byte[] spki(AlgorithmIdentifier algorithm, byte[] raw) {
        try {
            return new SubjectPublicKeyInfo(algorithm, raw).getEncoded(ASN1Encoding.DER);
        } catch (IOException e) {
            throw new IllegalStateException("DER encoding failed", e);
        }
    }

    /**
     * The raw key inside a SubjectPublicKeyInfo of {@code algorithm}, checked for the algorithm
     * (without parameters), whole bytes and its exact size; canonical DER is checked by the caller,
     * which re-encodes.
     *
     * @param name the algorithm's name, for the error message
     * @throws MalformedInputException if any check fails
     */
    static byte[] rawPublicKey(byte[] spki, AlgorithmIdentifier algorithm, int bytes, String name)
            throws MalformedInputException {
        SubjectPublicKeyInfo info = SignatureSchemes.parseSpki(spki);
        if (!algorithm.equals(info.getAlgorithm())) {
            throw new MalformedInputException("identity is not an " + name + " SubjectPublicKeyInfo");
        }
        // Checked before getOctets(), which throws an unchecked exception on a BIT STRING with
        // unused bits.
        if (info.getPublicKeyData().getPadBits() != 0) {
            throw new MalformedInputException("the " + name + " public key BIT STRING has unused bits");
        }
        byte[] raw = info.getPublicKeyData().getOctets();
        if (raw.length != bytes) {
            throw new MalformedInputException("an " + name + " public key must be " + bytes + " bytes");
        }
        return raw;
    }
}
