package dev.marcom.internal.crypto;

import java.security.SecureRandom;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One-time KEM key pairs made ahead on a background thread ({@code SessionConfig}'s
 * {@code precomputeEphemeralKeys}), so that a classic handshake does not wait for two ffdhe2048
 * key generations (a modular exponentiation each, about 0.4 ms here): the server's KEM key and
 * the client's ephemeral ElGamal key.
 *
 * <p>Guarantees: each pair is handed out once ({@link #take} removes it); a taker never waits for
 * the pool (when it is empty, the pair is generated on the spot); generation is the mechanism's own
 * ({@link Kem#generateKeyPair}) on a {@link SecureRandom}.
 *
 * <p>Limits: pairs made ahead wait in memory (at most {@link #depth()} per mechanism) until taken,
 * so a heap dump or memory disclosure then reveals future handshakes' private keys, as it would a
 * running handshake's; ElGamal private values are {@link java.math.BigInteger}s, which cannot be
 * erased, before or after use. The background thread spends the CPU time the handshake saves: on a
 * machine whose cores are all busy, precomputation saves nothing. The thread (a daemon named
 * {@code marcom-ephemeral-keys}) runs only while it refills and ends after 5 s without work.
 *
 * <p>Thread-safe.
 */
public final class KemKeyPool implements OneTimeKeys {
    /** The largest depth a pool may have. */
    public static final int MAX_DEPTH = 1024;

    private final int depth;
    private final SecureRandom random;
    private final Map<Kem, Lane> lanes = new ConcurrentHashMap<>();
    private final ThreadPoolExecutor refiller;

    /** The pairs made ahead for one mechanism, and whether a refill is under way. */
    private static final class Lane {
        final BlockingQueue<Kem.KeyPair> pairs;
        final AtomicBoolean refilling = new AtomicBoolean();

        Lane(int depth) {
            this.pairs = new ArrayBlockingQueue<>(depth);
        }
    }

    /**
     * Creates an empty pool; a mechanism's pairs are made once a taker first asks for one.
     *
     * @param depth the most pairs kept per mechanism, 1 to {@value #MAX_DEPTH}
     * @param random the source of every private key the pool makes
     * @throws IllegalArgumentException if {@code depth} is out of range
     */
    public KemKeyPool(int depth, SecureRandom random) {
        if (depth < 1 || depth > MAX_DEPTH) {
            throw new IllegalArgumentException("depth must be in [1, " + MAX_DEPTH + "]");
        }
        this.depth = depth;
        this.random = Objects.requireNonNull(random, "random");
        this.refiller = new ThreadPoolExecutor(0, 1, 5, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), task -> {
            Thread t = new Thread(task, "marcom-ephemeral-keys");
            t.setDaemon(true);
            return t;
        });
    }

    /** The most pairs kept per mechanism. */
    public int depth() {
        return depth;
    }

    /** How many of {@code kem}'s pairs wait now. */
    public int waiting(Kem kem) {
        Lane lane = lanes.get(kem);
        return lane == null ? 0 : lane.pairs.size();
    }

    /**
     * Hands out a pair made ahead if one waits, otherwise a fresh one; then starts a refill unless
     * one runs or the lane is full.
     */
    @Override
    public Kem.KeyPair take(Kem kem) {
        Lane lane = lanes.computeIfAbsent(kem, k -> new Lane(depth));
        Kem.KeyPair made = lane.pairs.poll();
        refill(kem, lane);
        return made != null ? made : kem.generateKeyPair(random);
    }

    private void refill(Kem kem, Lane lane) {
        if (lane.pairs.remainingCapacity() == 0 || !lane.refilling.compareAndSet(false, true)) {
            return;
        }
        refiller.execute(() -> {
            try {
                while (lane.pairs.remainingCapacity() > 0) {
                    Kem.KeyPair pair = kem.generateKeyPair(random);
                    if (!lane.pairs.offer(pair)) {
                        pair.destroy();
                    }
                }
            } catch (RuntimeException e) {
                // A failing generator leaves takers to generate their own pairs (and to meet the
                // failure themselves); the next take tries again.
            } finally {
                lane.refilling.set(false);
            }
        });
    }

    /** Destroys and drops every pair made ahead; later takes refill the pool. */
    public void clear() {
        for (Lane lane : lanes.values()) {
            Kem.KeyPair pair;
            while ((pair = lane.pairs.poll()) != null) {
                pair.destroy();
            }
        }
    }

    @Override
    public String toString() {
        return "KemKeyPool[depth " + depth + "]";
    }
}
