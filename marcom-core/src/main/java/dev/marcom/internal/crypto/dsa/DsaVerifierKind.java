package dev.marcom.internal.crypto.dsa;

import java.util.Locale;

/**
 * Which code verifies DSA signatures: MARCOM's own arithmetic ({@link DsaKeyVerifier}, the
 * default) or the JDK's {@code SHA256withDSA} (the fallback). Chosen by the system property
 * {@value #PROPERTY} ({@code marcom} or {@code jdk}), read when a verifier is made.
 */
public enum DsaVerifierKind {
    /** MARCOM's verifier: multi-exponentiation with precomputed tables. */
    MARCOM,
    /** The JDK's SUN {@code SHA256withDSA}. */
    JDK;

    /** The system property that selects the verifier. */
    public static final String PROPERTY = "dev.marcom.dsa.verifier";

    /**
     * The kind the system property names; {@link #MARCOM} when it is unset.
     *
     * @throws IllegalStateException if it is set to anything else than {@code marcom} or
     *     {@code jdk}, so that a typo cannot silently keep the other verifier
     */
    public static DsaVerifierKind fromSystemProperty() {
        String v = System.getProperty(PROPERTY);
        if (v == null) {
            return MARCOM;
        }
        switch (v.trim().toLowerCase(Locale.ROOT)) {
            case "marcom":
                return MARCOM;
            case "jdk":
                return JDK;
            default:
                throw new IllegalStateException(PROPERTY + " must be 'marcom' or 'jdk', not '" + v + "'");
        }
    }
}
