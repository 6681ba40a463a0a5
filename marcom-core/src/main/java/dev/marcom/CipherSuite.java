package dev.marcom;

/**
 * A named combination of algorithms, identified on the wire by a 16-bit code. Every suite uses
 * hashed-ElGamal key transport, HKDF-SHA256, AES-256-GCM records and DSA-SHA256 signatures; they
 * differ in the ElGamal group. Codes 0x02xx and 0x03xx are reserved for X25519/Ed25519 and
 * ML-KEM/ML-DSA suites, which the hello's suite list lets a later version add without a new wire
 * format.
 */
public enum CipherSuite {
    /** ElGamal in RFC 7919 ffdhe2048 (about 103-bit strength); the default. */
    ELGAMAL_FFDHE2048_AES256GCM_SHA256_DSA(0x0101, "ffdhe2048"),
    /** ElGamal in RFC 7919 ffdhe3072 (about 125-bit strength). */
    ELGAMAL_FFDHE3072_AES256GCM_SHA256_DSA(0x0102, "ffdhe3072");

    private final int code;
    private final String groupName;

    CipherSuite(int code, String groupName) {
        this.code = code;
        this.groupName = groupName;
    }

    /**
     * Returns the suite's wire code.
     *
     * @return the 16-bit code sent in the hellos, such as {@code 0x0101}
     */
    public int code() {
        return code;
    }

    /**
     * Returns the name of the suite's ElGamal group.
     *
     * @return the group's name, such as {@code ffdhe2048}
     */
    public String groupName() {
        return groupName;
    }

    /**
     * Looks up a suite by its wire code.
     *
     * @param code a 16-bit wire code
     * @return the suite with {@code code}, or {@code null} if this version does not know it
     */
    public static CipherSuite of(int code) {
        for (CipherSuite s : values()) {
            if (s.code == code) {
                return s;
            }
        }
        return null;
    }
}
