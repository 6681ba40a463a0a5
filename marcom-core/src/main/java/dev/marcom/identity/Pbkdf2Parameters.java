package dev.marcom.identity;

/**
 * How {@link IdentityFiles} derives the key that encrypts a private key file from a passphrase:
 * PBKDF2-HMAC-SHA256 with {@code iterations} iterations and a fresh 16-byte random salt, then
 * AES-256-CBC (PKCS#5 v2.1 PBES2, as {@code openssl pkcs8 -topk8 -v2 aes-256-cbc -v2prf
 * hmacWithSHA256 -iter N} writes it).
 *
 * <p>{@link #DEFAULT} uses 600,000 iterations, the OWASP Password Storage Cheat Sheet's
 * recommendation for PBKDF2-HMAC-SHA256 (2023): roughly half a second on one laptop core, which an
 * attacker guessing passphrases must pay for every guess. Lower counts are for tests and
 * constrained devices; they only make a weak passphrase cheaper to guess.
 *
 * @param iterations the PBKDF2 iteration count, from {@link #MIN_ITERATIONS} to
 *     {@link #MAX_ITERATIONS}
 */
public record Pbkdf2Parameters(int iterations) {
    /** The smallest count accepted for writing: RFC 8018's recommended minimum. */
    public static final int MIN_ITERATIONS = 1_000;
    /**
     * The largest count written or read. Reading refuses more, so a crafted key file cannot make
     * {@code load} compute for minutes (10 million iterations take a few seconds).
     */
    public static final int MAX_ITERATIONS = 10_000_000;
    /** 600,000 iterations (OWASP 2023 for PBKDF2-HMAC-SHA256). */
    public static final Pbkdf2Parameters DEFAULT = new Pbkdf2Parameters(600_000);

    /**
     * Checks the iteration count.
     *
     * @param iterations the PBKDF2 iteration count, from {@link #MIN_ITERATIONS} to
     *     {@link #MAX_ITERATIONS}
     * @throws IllegalArgumentException if {@code iterations} is out of range
     */
    public Pbkdf2Parameters {
        if (iterations < MIN_ITERATIONS || iterations > MAX_ITERATIONS) {
            throw new IllegalArgumentException(
                    "PBKDF2 iterations must be " + MIN_ITERATIONS + ".." + MAX_ITERATIONS + ", not " + iterations);
        }
    }
}
