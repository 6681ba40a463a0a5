package dev.marcom;

/**
 * A signature algorithm an identity signs with: its messages, its handshake and its transcripts.
 * An identity's algorithm is fixed by its key; a peer's is read from its SubjectPublicKeyInfo.
 * DSA hashes with SHA-256; Ed25519 and ML-DSA-65 sign the data itself (pure mode), which in every
 * MARCOM use already contains SHA-256 digests.
 */
public enum SignatureAlgorithm {
    /** DSA with 2048-bit p and 256-bit q (FIPS 186-4), over SHA-256; the default. */
    DSA_2048_256("dsa", "DSA-2048/256"),
    /** DSA with 3072-bit p and 256-bit q (FIPS 186-4), over SHA-256. */
    DSA_3072_256("dsa-3072", "DSA-3072/256"),
    /** Ed25519 (RFC 8032), verified strictly: canonical encodings, a full-order public key. */
    ED25519("ed25519", "Ed25519"),
    /** ML-DSA-65 (FIPS 204), pure mode, empty context; about NIST security category 3. */
    ML_DSA_65("ml-dsa-65", "ML-DSA-65");

    private final String shortName;
    private final String displayName;

    SignatureAlgorithm(String shortName, String displayName) {
        this.shortName = shortName;
        this.displayName = displayName;
    }

    /**
     * Returns the name command lines use for this algorithm.
     *
     * @return a short lower-case name, such as {@code dsa}, {@code dsa-3072}, {@code ed25519} or {@code ml-dsa-65}
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
