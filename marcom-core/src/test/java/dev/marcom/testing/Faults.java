package dev.marcom.testing;

import java.nio.ByteBuffer;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * The running state of one endpoint's {@link FaultPlan}: offsets read so far and the random
 * source for chunk sizes. Thread-safe (the reading and writing threads share it).
 */
public final class Faults {
    private final FaultPlan plan;
    private final SplittableRandom random;
    private long readOffset;
    private boolean flipped;

    public Faults(FaultPlan plan) {
        this.plan = plan;
        this.random = new SplittableRandom(plan.seed());
    }

    public FaultPlan plan() {
        return plan;
    }

    /** Sleeps 1 to 3 ms now and then. Call outside any lock of the code under test. */
    public void maybeDelay() {
        int ms;
        synchronized (this) {
            if (plan.delayPercent() == 0 || random.nextInt(100) >= plan.delayPercent()) {
                return;
            }
            ms = 1 + random.nextInt(3);
        }
        LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(ms));
    }

    /**
     * How many of {@code wanted} bytes the next read may return (at least 1 when {@code wanted} is
     * positive), or -1 if the connection must be reset now.
     */
    public synchronized int readAllowance(int wanted) {
        if (plan.resetAt() >= 0 && readOffset >= plan.resetAt()) {
            return -1;
        }
        long n = Math.min(wanted, 1 + random.nextInt(plan.readChunkMax()));
        if (plan.resetAt() >= 0) {
            n = Math.min(n, plan.resetAt() - readOffset);
        }
        return (int) Math.max(n, wanted > 0 ? 1 : 0);
    }

    /** How many of {@code wanted} bytes the next write may take (0 now and then). */
    public synchronized int writeAllowance(int wanted) {
        if (wanted > 0 && random.nextInt(100) < plan.zeroWritePercent()) {
            return 0;
        }
        return Math.min(wanted, 1 + random.nextInt(plan.writeChunkMax()));
    }

    /** Records {@code n} bytes just read into {@code b[off..off+n)} and flips the planned bit. */
    public synchronized void afterRead(byte[] b, int off, int n) {
        if (!flipped && plan.flipAt() >= readOffset && plan.flipAt() < readOffset + n) {
            b[off + (int) (plan.flipAt() - readOffset)] ^= (byte) (1 << plan.flipBit());
            flipped = true;
        }
        readOffset += n;
    }

    /** As {@link #afterRead(byte[], int, int)} for bytes just read into {@code b[pos..pos+n)}. */
    public synchronized void afterRead(ByteBuffer b, int pos, int n) {
        if (!flipped && plan.flipAt() >= readOffset && plan.flipAt() < readOffset + n) {
            int at = pos + (int) (plan.flipAt() - readOffset);
            b.put(at, (byte) (b.get(at) ^ (1 << plan.flipBit())));
            flipped = true;
        }
        readOffset += n;
    }
}
