package dev.marcom.internal.crypto;

import java.security.PrivateKey;
import java.security.PublicKey;
import java.util.Arrays;
import org.bouncycastle.crypto.params.AsymmetricKeyParameter;

/**
 * Keys of the schemes that run on BouncyCastle's lightweight API (Ed25519, ML-DSA), held as JCA
 * {@link PublicKey}/{@link PrivateKey} so identities treat every algorithm alike: the standard
 * encoding for files and fingerprints beside the decoded parameters that sign and verify, decoded
 * once (an Ed25519 key keeps its decompressed point, an ML-DSA key its expanded matrix seed).
 */
final class LightweightKeys {
    private LightweightKeys() {}

    /** A public key: its SubjectPublicKeyInfo and its decoded parameters. */
    static final class Public implements PublicKey {
        private static final long serialVersionUID = 1L;

        private final String algorithm;
        private final byte[] subjectPublicKeyInfo;
        private final transient AsymmetricKeyParameter parameters;

        Public(String algorithm, byte[] subjectPublicKeyInfo, AsymmetricKeyParameter parameters) {
            this.algorithm = algorithm;
            this.subjectPublicKeyInfo = subjectPublicKeyInfo.clone();
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
        public String getFormat() {
            return "X.509";
        }

        @Override
        public byte[] getEncoded() {
            return subjectPublicKeyInfo.clone();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Public p && Arrays.equals(subjectPublicKeyInfo, p.subjectPublicKeyInfo);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(subjectPublicKeyInfo);
        }

        @Override
        public String toString() {
            return algorithm + " public key";
        }
    }

    /** A private key: its PKCS#8 encoding and its decoded parameters; never printed. */
    static final class Private implements PrivateKey {
        private static final long serialVersionUID = 1L;

        private final String algorithm;
        private final byte[] pkcs8;
        private final transient AsymmetricKeyParameter parameters;

        Private(String algorithm, byte[] pkcs8, AsymmetricKeyParameter parameters) {
            this.algorithm = algorithm;
            this.pkcs8 = pkcs8.clone();
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
        public String getFormat() {
            return "PKCS#8";
        }

        @Override
        public byte[] getEncoded() {
            return pkcs8.clone();
        }

        @Override
        public String toString() {
            return algorithm + " private key";
        }
    }
}
