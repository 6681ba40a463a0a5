package dev.marcom.identity;

import dev.marcom.internal.crypto.Sha256;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A 60-digit number derived from two identities that two people read aloud to each other to
 * confirm, out of band, that each talks to the other's real key and not to a man in the middle.
 * Modelled on Signal's safety numbers. It is the same on both sides: {@code of(a, b)} equals
 * {@code of(b, a)}. For a session, compute it as
 * {@code SafetyNumber.of(session.localIdentity(), session.peer())}.
 *
 * <h2>Construction (version 1)</h2>
 * For each identity, with {@code spki} its DER SubjectPublicKeyInfo (which includes the DSA
 * domain parameters):
 * <pre>
 * h = SHA-256("MARCOM safety number v1" ‖ 0x00 ‖ spki)
 * repeat 4095 times: h = SHA-256(h ‖ spki)           (4096 hashes in all)
 * half = for i in 0..5: the big-endian integer of h[5i .. 5i+5) mod 100000, as 5 digits
 * </pre>
 * giving 30 digits per identity. The safety number is the two halves in ascending (string)
 * order, concatenated: 60 digits, displayed in 12 groups of 5. Because each half depends on one
 * key only, each person can also recognise their own half.
 *
 * <h2>Security</h2>
 * Each half carries {@code 6 × log2(10^5) ≈ 99.7} bits (reducing 40-bit chunks modulo 10^5
 * biases each digit group by less than 2^-23, which is negligible). A man in the middle who gives
 * Alice (key A) his key M_B and Bob (key B) his key M_A makes Alice read {A, M_B} and Bob read
 * {M_A, B}. Those agree only if half(M_B) = half(B) and half(M_A) = half(A) (the alternative,
 * half(A) = half(B), is outside his control and has probability 2^-99.7): he needs a second
 * preimage of a fixed target for each key he replaces, and cannot use the birthday bound since he
 * chooses neither A nor B. That costs about 2^99.7 candidate keys per target, each needing a
 * fresh DSA public key and 4096 SHA-256 computations over it (2^12 more work): about 2^112 hash
 * evaluations, comparable to the ~112-bit strength of DSA-2048 itself. An attacker content to
 * break any one of T conversations gains a factor T. <b>Warning:</b> the guarantee holds only if
 * all 60 digits are compared; reading only the first group checks about 17 bits.
 *
 * <p>This is a value: comparable with {@link #equals}, not secret.
 *
 * @param digits the 60 ASCII digits, without spaces
 */
public record SafetyNumber(String digits) {
    /** Number of digits. */
    public static final int LENGTH = 60;
    /** Digits per displayed group. */
    public static final int GROUP = 5;

    static final int ITERATIONS = 4096;
    private static final byte[] LABEL = "MARCOM safety number v1\0".getBytes(StandardCharsets.US_ASCII);
    private static final int CHUNK_BYTES = 5;
    private static final long CHUNK_MODULUS = 100_000;

    /**
     * Wraps 60 digits.
     *
     * @param digits the 60 ASCII digits, without spaces
     * @throws IllegalArgumentException unless {@code digits} is exactly 60 ASCII digits
     * @throws NullPointerException if {@code digits} is null
     */
    public SafetyNumber {
        Objects.requireNonNull(digits, "digits");
        if (digits.length() != LENGTH || !digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new IllegalArgumentException("a safety number is " + LENGTH + " decimal digits");
        }
    }

    /**
     * Computes the safety number of two identities; the order of the arguments does not matter.
     *
     * @param a one identity, such as this side's
     * @param b the other identity, such as the peer's
     * @return the safety number, the same as {@code of(b, a)}
     */
    public static SafetyNumber of(PeerIdentity a, PeerIdentity b) {
        String x = half(a.subjectPublicKeyInfo().toByteArray());
        String y = half(b.subjectPublicKeyInfo().toByteArray());
        return new SafetyNumber(x.compareTo(y) <= 0 ? x + y : y + x);
    }

    /**
     * Parses a safety number as read or typed by a person: 60 digits, in any grouping of spaces.
     *
     * @param text the digits, with any white space between them
     * @return the safety number
     * @throws IllegalArgumentException if {@code text} is not 60 digits once whitespace is removed
     */
    public static SafetyNumber parse(String text) {
        return new SafetyNumber(text.replaceAll("\\s+", ""));
    }

    /**
     * Returns the digits in the groups people read aloud.
     *
     * @return an unmodifiable list of the 12 groups of 5 digits, in reading order
     */
    public List<String> groups() {
        List<String> out = new ArrayList<>(LENGTH / GROUP);
        for (int i = 0; i < LENGTH; i += GROUP) {
            out.add(digits.substring(i, i + GROUP));
        }
        return List.copyOf(out);
    }

    /** The 12 groups separated by single spaces, e.g. {@code "05214 88103 ... 67730"}. */
    @Override
    public String toString() {
        return String.join(" ", groups());
    }

    /** The 30-digit half for one encoded SubjectPublicKeyInfo. */
    static String half(byte[] spki) {
        MessageDigest sha = Sha256.newDigest();
        sha.update(LABEL);
        sha.update(spki);
        byte[] h = sha.digest();
        for (int i = 1; i < ITERATIONS; i++) {
            sha.update(h);
            sha.update(spki);
            h = sha.digest();
        }
        StringBuilder out = new StringBuilder(LENGTH / 2);
        for (int i = 0; i < 6; i++) {
            long chunk = 0;
            for (int j = 0; j < CHUNK_BYTES; j++) {
                chunk = (chunk << 8) | (h[i * CHUNK_BYTES + j] & 0xff);
            }
            out.append(String.format("%05d", chunk % CHUNK_MODULUS));
        }
        return out.toString();
    }
}
