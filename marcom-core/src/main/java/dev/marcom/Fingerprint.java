package dev.marcom;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/**
 * The SHA-256 of an identity's X.509 SubjectPublicKeyInfo, shown like OpenSSH:
 * {@code SHA256:} followed by unpadded base64 (43 characters).
 *
 * @param sha256 the 32-byte SHA-256 digest of the encoded SubjectPublicKeyInfo
 */
public record Fingerprint(Bytes sha256) {
    private static final String PREFIX = "SHA256:";
    private static final int LENGTH = 32;

    /**
     * Wraps a digest.
     *
     * @param sha256 the 32-byte SHA-256 digest of the encoded SubjectPublicKeyInfo
     * @throws IllegalArgumentException if {@code sha256} is not 32 bytes long
     */
    public Fingerprint {
        if (sha256.length() != LENGTH) {
            throw new IllegalArgumentException("a fingerprint is 32 bytes");
        }
    }

    /**
     * Computes the fingerprint of a public key.
     *
     * @param subjectPublicKeyInfo the key's DER-encoded X.509 SubjectPublicKeyInfo; not checked to
     *     be a valid key
     * @return the SHA-256 of those bytes
     */
    public static Fingerprint of(byte[] subjectPublicKeyInfo) {
        try {
            return new Fingerprint(Bytes.of(MessageDigest.getInstance("SHA-256").digest(subjectPublicKeyInfo)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }

    /**
     * Parses a fingerprint as {@link #toString()} shows it.
     *
     * @param text {@code SHA256:} followed by the digest in base64, padding optional; surrounding
     *     white space is ignored
     * @return the fingerprint
     * @throws IllegalArgumentException if the text is not such a fingerprint
     */
    public static Fingerprint parse(String text) {
        String t = text.strip();
        if (!t.startsWith(PREFIX)) {
            throw new IllegalArgumentException("fingerprint must start with " + PREFIX);
        }
        byte[] raw = Base64.getDecoder().decode(t.substring(PREFIX.length()));
        return new Fingerprint(Bytes.of(raw));
    }

    /**
     * Returns the fingerprint as users compare it.
     *
     * @return {@code SHA256:} followed by 43 characters of unpadded base64
     */
    @Override
    public String toString() {
        return PREFIX + Base64.getEncoder().withoutPadding().encodeToString(sha256.toByteArray());
    }
}
