package dev.marcom.testing;

import dev.marcom.internal.crypto.Sha256;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Reproducible pseudo-random bytes for property tests: SHA-256 in counter mode over a seed, so a
 * failing case can be replayed from its seed. Not for keys or nonces.
 */
public final class DeterministicBytes {
    private final byte[] seed;
    private long counter;
    private byte[] block = new byte[0];
    private int pos;

    public DeterministicBytes(String seed) {
        this.seed = seed.getBytes(StandardCharsets.UTF_8);
    }

    public byte nextByte() {
        if (pos == block.length) {
            block = Sha256.hash(seed, ByteBuffer.allocate(8).putLong(counter++).array());
            pos = 0;
        }
        return block[pos++];
    }

    public byte[] nextBytes(int n) {
        byte[] out = new byte[n];
        for (int i = 0; i < n; i++) {
            out[i] = nextByte();
        }
        return out;
    }

    /** A value in [0, bound), bound > 0 (modulo bias is irrelevant for tests). */
    public int nextInt(int bound) {
        int v = ((nextByte() & 0xff) << 24)
                | ((nextByte() & 0xff) << 16)
                | ((nextByte() & 0xff) << 8)
                | (nextByte() & 0xff);
        return Math.floorMod(v, bound);
    }

    public long nextLong() {
        long v = 0;
        for (int i = 0; i < 8; i++) {
            v = (v << 8) | (nextByte() & 0xff);
        }
        return v;
    }

    public boolean nextBoolean() {
        return (nextByte() & 1) != 0;
    }
}
