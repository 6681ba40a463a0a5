package dev.marcom.testing;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import java.util.SplittableRandom;

/**
 * Where a property's test inputs come from: the fuzzer's {@link FuzzedDataProvider} (coverage
 * guided) or a {@link SplittableRandom} with a fixed seed (broad, reproducible regression cases).
 * Each property is written once against this interface and run both ways.
 *
 * <p>{@code SplittableRandom} only chooses test inputs here; it never feeds cryptography.
 */
public interface Choices {

    /** A value in {@code [min, max]} (inclusive). */
    int intIn(int min, int max);

    long longIn(long min, long max);

    boolean bool();

    /** Exactly {@code n} bytes (a fuzzer that ran dry pads with zeros). */
    byte[] bytes(int n);

    /** Whatever input is left, at most {@code max} bytes (seeded: a random length up to max). */
    byte[] rest(int max);

    /** True with probability about {@code percent}/100. */
    default boolean percent(int percent) {
        return intIn(0, 99) < percent;
    }

    default <T> T pick(T[] values) {
        return values[intIn(0, values.length - 1)];
    }

    /** A seed for deterministic bulk data (large payloads that a fuzz input cannot hold). */
    default long seed() {
        return longIn(Long.MIN_VALUE, Long.MAX_VALUE);
    }

    static Choices of(FuzzedDataProvider data) {
        return new Choices() {
            @Override
            public int intIn(int min, int max) {
                return data.consumeInt(min, max);
            }

            @Override
            public long longIn(long min, long max) {
                return data.consumeLong(min, max);
            }

            @Override
            public boolean bool() {
                return data.consumeBoolean();
            }

            @Override
            public byte[] bytes(int n) {
                byte[] got = data.consumeBytes(n);
                return got.length == n ? got : java.util.Arrays.copyOf(got, n);
            }

            @Override
            public byte[] rest(int max) {
                return data.consumeBytes(max);
            }
        };
    }

    static Choices seeded(long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        return new Choices() {
            @Override
            public int intIn(int min, int max) {
                return max == Integer.MAX_VALUE ? (int) r.nextLong(min, (long) max + 1) : r.nextInt(min, max + 1);
            }

            @Override
            public long longIn(long min, long max) {
                if (min == Long.MIN_VALUE && max == Long.MAX_VALUE) {
                    return r.nextLong();
                }
                return max == Long.MAX_VALUE ? r.nextLong(min - 1, max) + 1 : r.nextLong(min, max + 1);
            }

            @Override
            public boolean bool() {
                return r.nextBoolean();
            }

            @Override
            public byte[] bytes(int n) {
                byte[] b = new byte[n];
                r.nextBytes(b);
                return b;
            }

            @Override
            public byte[] rest(int max) {
                return bytes(r.nextInt(0, max + 1));
            }
        };
    }

    /** Deterministic filler bytes for a payload of {@code length} (test data, not crypto). */
    static byte[] filler(long seed, int length) {
        byte[] b = new byte[length];
        new SplittableRandom(seed).nextBytes(b);
        return b;
    }
}
