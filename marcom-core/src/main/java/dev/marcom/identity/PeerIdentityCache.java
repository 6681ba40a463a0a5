package dev.marcom.identity;

import dev.marcom.Bytes;
import dev.marcom.MalformedInputException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The peer identities a {@code SessionConfig}'s handshakes have decoded and validated, kept so that
 * a returning peer's key is not validated again and keeps what its verifier has precomputed.
 *
 * <p>A DSA identity's validation costs a modular exponentiation (the subgroup check of its public
 * value), and its verifier builds a precomputed table of that value once the key has been used for
 * {@value dev.marcom.internal.crypto.dsa.DsaKeyVerifier#TABLE_AFTER} verifications (455 KB for
 * DSA-2048, 676 KB for DSA-3072, twice that for a key whose parameters are not a published set,
 * which also gets its own table of g); through this cache both are paid once per key rather than
 * once per session. Keys of the other algorithms are cheap to validate and hold no tables; they
 * are kept all the same. So the default capacity bounds the tables at about 29 MB (DSA-2048
 * keys of the published set; about 58 MB if every key brings its own parameters).
 *
 * <p>Guarantees: only keys that passed every check of {@link PeerIdentity#fromSubjectPublicKeyInfo}
 * are kept, under their exact encoding, so {@link #identity} returns what that method would return
 * (an equal identity) or throws what it would throw. Validation is deterministic, so a cached
 * result is as good as a fresh one. The cache holds at most {@link #capacity()} identities and
 * forgets the least recently used; a capacity of 0 keeps none. Trust decisions are not cached:
 * the {@link TrustPolicy} sees every handshake.
 *
 * <p>Thread-safe. One instance may be shared by several configurations.
 */
public final class PeerIdentityCache {
    /** The capacity of the cache every {@code SessionConfig} gets unless told otherwise. */
    public static final int DEFAULT_CAPACITY = 64;

    private final int capacity;
    private final Map<Bytes, PeerIdentity> entries;

    /**
     * Creates an empty cache.
     *
     * @param capacity the most identities kept; 0 keeps none
     * @throws IllegalArgumentException if {@code capacity} is negative
     */
    public PeerIdentityCache(int capacity) {
        if (capacity < 0) {
            throw new IllegalArgumentException("capacity must not be negative");
        }
        this.capacity = capacity;
        this.entries = new LinkedHashMap<>(16, 0.75f, true) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<Bytes, PeerIdentity> eldest) {
                return size() > PeerIdentityCache.this.capacity;
            }
        };
    }

    /**
     * Returns the identity of an encoded key: the cached one if this exact encoding passed
     * validation before and is still kept, otherwise a freshly decoded and validated one, which is
     * then kept.
     *
     * @param subjectPublicKeyInfo the peer's DER SubjectPublicKeyInfo
     * @return the validated identity
     * @throws MalformedInputException as {@link PeerIdentity#fromSubjectPublicKeyInfo} does; a key
     *     that fails is never kept
     */
    public PeerIdentity identity(byte[] subjectPublicKeyInfo) throws MalformedInputException {
        if (capacity == 0) {
            return PeerIdentity.fromSubjectPublicKeyInfo(subjectPublicKeyInfo);
        }
        Bytes key = Bytes.of(subjectPublicKeyInfo);
        synchronized (entries) {
            PeerIdentity known = entries.get(key);
            if (known != null) {
                return known;
            }
        }
        // Validated outside the lock: two threads may validate the same new key at once, and the
        // second one's equal result replaces the first's.
        PeerIdentity fresh = PeerIdentity.fromSubjectPublicKeyInfo(subjectPublicKeyInfo);
        synchronized (entries) {
            PeerIdentity raced = entries.putIfAbsent(key, fresh);
            return raced != null ? raced : fresh;
        }
    }

    /**
     * Returns the most identities this cache keeps.
     *
     * @return the capacity given at construction
     */
    public int capacity() {
        return capacity;
    }

    /**
     * Returns how many identities are kept now.
     *
     * @return between 0 and {@link #capacity()}
     */
    public int size() {
        synchronized (entries) {
            return entries.size();
        }
    }

    /** Forgets every identity. */
    public void clear() {
        synchronized (entries) {
            entries.clear();
        }
    }

    @Override
    public String toString() {
        return "PeerIdentityCache[" + size() + " of " + capacity + "]";
    }
}
