package dev.marcom;

/**
 * A signature algorithm an identity signs with: its messages, its handshake and its transcripts.
 * An identity's algorithm is fixed by its key; a peer's is read from its SubjectPublicKeyInfo.
 * Every algorithm hashes with SHA-256.
 */
public enum SignatureAlgorithm {
    /** DSA with 2048-bit p and 256-bit q (FIPS 186-4), over SHA-256; the default. */
    DSA_2048_256("dsa", "DSA-2048/256"),
    /** DSA with 3072-bit p and 256-bit q (FIPS 186-4), over SHA-256. */
    DSA_3072_256("dsa-3072", "DSA-3072/256");

    private final String shortName;
    private final String displayName;

    SignatureAlgorithm(String shortName, String displayName) {
        this.shortName = shortName;
        this.displayName = displayName;
    }

    /**
     * Returns the name command lines use for this algorithm.
     *
     * @return a short lower-case name, such as {@code dsa} or {@code dsa-3072}
     */
    public String shortName() {
        return shortName;
    }

    /**
     * Returns the name people read in traces and reports.
     *
     * @return a name such as {@code DSA-2048/256}
     */
    public String displayName() {
        return displayName;
    }

    /**
     * Looks up an algorithm by its {@link #shortName()}.
     *
     * @param name a short name
     * @return the algorithm, or {@code null} if this version does not know it
     */
    public static SignatureAlgorithm byShortName(String name) {
        for (SignatureAlgorithm a : values()) {
            if (a.shortName.equals(name)) {
                return a;
            }
        }
        return null;
    }
}
