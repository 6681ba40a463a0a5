package dev.marcom;

/**
 * A named combination of key transport, record protection and key derivation, identified on the
 * wire by a 16-bit code. Every suite protects records with AES-256-GCM and derives keys with
 * HKDF-SHA256; suites differ in the key-encapsulation mechanism that transports the client's
 * secret. Signatures are not part of a suite: each side signs with its identity's {@link
 * SignatureAlgorithm}, and {@link #pairedSignature()} only guides a server's choice
 * (docs/PROTOCOL.md §4.3).
 */
public enum CipherSuite {
    /** Hashed ElGamal in RFC 7919 ffdhe2048 (about 103-bit strength); the teaching default. */
    CLASSIC(0x0101, "classic", "ElGamal ffdhe2048", SignatureAlgorithm.DSA_2048_256),
    /** Hashed ElGamal in RFC 7919 ffdhe3072 (about 125-bit strength). */
    CLASSIC_3072(0x0102, "classic-3072", "ElGamal ffdhe3072", SignatureAlgorithm.DSA_3072_256),
    /** Hashed ElGamal on Curve25519: X25519 (RFC 7748), about 128-bit strength. */
    MODERN(0x0201, "modern", "X25519", SignatureAlgorithm.ED25519),
    /**
     * The X-Wing hybrid KEM (X25519 + ML-KEM-768, draft-connolly-cfrg-xwing-kem): secure while
     * either part is, so against an adversary who records traffic now and has a quantum computer
     * later.
     */
    PQ(0x0301, "pq", "X-Wing (ML-KEM-768 + X25519)", SignatureAlgorithm.ML_DSA_65);

    private final int code;
    private final String suiteName;
    private final String keyTransport;
    private final SignatureAlgorithm pairedSignature;

    CipherSuite(int code, String suiteName, String keyTransport, SignatureAlgorithm pairedSignature) {
        this.code = code;
        this.suiteName = suiteName;
        this.keyTransport = keyTransport;
        this.pairedSignature = pairedSignature;
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
     * Returns the name the command line, the Swing window and reports use.
     *
     * @return {@code classic}, {@code classic-3072}, {@code modern} or {@code pq}
     */
    public String suiteName() {
        return suiteName;
    }

    /**
     * Returns the name of the suite's key-transport mechanism, as traces show it.
     *
     * @return a name such as {@code ElGamal ffdhe2048} or {@code X25519}
     */
    public String keyTransport() {
        return keyTransport;
    }

    /**
     * Returns the signature algorithm of the same generation and strength: a server whose identity
     * uses it prefers this suite (docs/PROTOCOL.md §4.3). Peers may sign with any algorithm the
     * other side accepts, whatever the suite.
     *
     * @return the paired algorithm
     */
    public SignatureAlgorithm pairedSignature() {
        return pairedSignature;
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

    /**
     * Looks up a suite by its {@link #suiteName()}.
     *
     * @param name a suite name
     * @return the suite, or {@code null} if this version does not know it
     */
    public static CipherSuite bySuiteName(String name) {
        for (CipherSuite s : values()) {
            if (s.suiteName.equals(name)) {
                return s;
            }
        }
        return null;
    }
}
