package dev.marcom.testing;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.security.SecureRandomSpi;

/**
 * TEST ONLY, PREDICTABLE: a {@link SecureRandom} whose output is SHA-256(label ‖ seed ‖ counter),
 * so a handshake driven by it produces the same nonces, ElGamal keys and frames on every run. Fuzz
 * tests need that: a finding must reproduce from its input bytes alone. Seeding a platform
 * {@code SecureRandom} does not give this (the default provider mixes in system entropy).
 * {@link #setSeed} calls are ignored so that no caller can make the stream diverge.
 */
public final class DeterministicRandom extends SecureRandom {
    private static final long serialVersionUID = 1L;

    private DeterministicRandom(Spi spi) {
        super(spi, null);
    }

    /** A fresh stream for {@code seed}: two instances with the same seed give the same bytes. */
    public static SecureRandom of(long seed) {
        return new DeterministicRandom(new Spi(seed));
    }

    @Override
    public String getAlgorithm() {
        return "TEST-ONLY-SHA256-COUNTER";
    }

    private static final class Spi extends SecureRandomSpi {
        private static final long serialVersionUID = 1L;
        private static final byte[] LABEL =
                "MARCOM tests: deterministic random, never for real keys".getBytes(StandardCharsets.US_ASCII);

        private final long seed;
        private long counter;
        private final byte[] block = new byte[32];
        private int used = block.length;

        Spi(long seed) {
            this.seed = seed;
        }

        @Override
        protected void engineSetSeed(byte[] ignored) {
            // Deliberately ignored: the stream depends on the constructor seed only.
        }

        @Override
        protected void engineNextBytes(byte[] bytes) {
            for (int i = 0; i < bytes.length; i++) {
                if (used == block.length) {
                    refill();
                }
                bytes[i] = block[used++];
            }
        }

        @Override
        protected byte[] engineGenerateSeed(int numBytes) {
            byte[] out = new byte[numBytes];
            engineNextBytes(out);
            return out;
        }

        private void refill() {
            try {
                MessageDigest sha = MessageDigest.getInstance("SHA-256");
                sha.update(LABEL);
                sha.update(
                        ByteBuffer.allocate(16).putLong(seed).putLong(counter++).array());
                System.arraycopy(sha.digest(), 0, block, 0, block.length);
                used = 0;
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
