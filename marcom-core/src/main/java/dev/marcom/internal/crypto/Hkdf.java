package dev.marcom.internal.crypto;

import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.generators.HKDFBytesGenerator;
import org.bouncycastle.crypto.params.HKDFParameters;

/** HKDF-SHA256 (RFC 5869) from BouncyCastle; the JDK 17 has no HKDF. */
public final class Hkdf {
    /** HKDF with SHA-256, the key derivation of every suite. */
    public static final Kdf SHA256 = new Kdf() {
        @Override
        public byte[] extract(byte[] salt, byte[] ikm) {
            return Hkdf.extract(salt, ikm);
        }

        @Override
        public byte[] expand(byte[] prk, byte[] info, int length) {
            return Hkdf.expand(prk, info, length);
        }

        @Override
        public String toString() {
            return "HKDF-SHA256";
        }
    };

    private Hkdf() {}

    /** HKDF-Extract(salt, ikm): a 32-byte pseudorandom key. */
    public static byte[] extract(byte[] salt, byte[] ikm) {
        HKDFBytesGenerator g = new HKDFBytesGenerator(new SHA256Digest());
        return g.extractPRK(salt, ikm);
    }

    /** The largest output HKDF-SHA256 can produce: 255 blocks of 32 bytes. */
    public static final int MAX_OUTPUT = 255 * 32;

    private static void checkLength(int length) {
        if (length < 0 || length > MAX_OUTPUT) {
            throw new IllegalArgumentException("HKDF-SHA256 output must be 0.." + MAX_OUTPUT + " bytes");
        }
    }

    /** HKDF-Expand(prk, info, length). @throws IllegalArgumentException if length is out of range */
    public static byte[] expand(byte[] prk, byte[] info, int length) {
        checkLength(length);
        HKDFBytesGenerator g = new HKDFBytesGenerator(new SHA256Digest());
        g.init(HKDFParameters.skipExtractParameters(prk, info));
        byte[] out = new byte[length];
        g.generateBytes(out, 0, length);
        return out;
    }

    /** Full HKDF: Expand(Extract(salt, ikm), info, length). Salt may be null or empty. */
    public static byte[] derive(byte[] salt, byte[] ikm, byte[] info, int length) {
        checkLength(length);
        HKDFBytesGenerator g = new HKDFBytesGenerator(new SHA256Digest());
        g.init(new HKDFParameters(ikm, salt, info));
        byte[] out = new byte[length];
        g.generateBytes(out, 0, length);
        return out;
    }
}
