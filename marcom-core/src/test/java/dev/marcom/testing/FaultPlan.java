package dev.marcom.testing;

/**
 * The faults one endpoint's transport suffers, chosen up front from a {@link Choices}: how short
 * its reads and writes are, how often a write takes nothing or a call is delayed, and at most one
 * bit flip or reset in the bytes it reads (corruption or a cut in transit). A run's faults are
 * therefore reproducible from its seed, even though thread timing is not.
 *
 * @param seed drives chunk sizes and delays
 * @param readChunkMax longest read, in bytes (short reads)
 * @param writeChunkMax longest write, in bytes (short writes)
 * @param zeroWritePercent how often a write takes no byte at all (a full socket)
 * @param delayPercent how often a call first sleeps 1 to 3 ms
 * @param flipAt offset in the bytes read at which one bit is flipped, or -1
 * @param flipBit which bit (0 to 7)
 * @param resetAt offset in the bytes read at which the connection is reset, or -1
 */
public record FaultPlan(
        long seed,
        int readChunkMax,
        int writeChunkMax,
        int zeroWritePercent,
        int delayPercent,
        long flipAt,
        int flipBit,
        long resetAt) {

    /** No faults beyond short reads and writes. */
    public boolean clean() {
        return flipAt < 0 && resetAt < 0;
    }

    /**
     * Chooses a plan: about half the runs corrupt or cut nothing (so delivery itself is tested
     * under short reads, short writes and delays); the others flip one bit or reset somewhere in
     * the first {@code expectedBytes} read. With {@code fine}, reads and writes take 1 to 13 bytes
     * at a time (keep such runs to a few kilobytes), else 100 bytes and more.
     */
    public static FaultPlan choose(Choices c, long expectedBytes, boolean fine) {
        long seed = c.seed();
        int readMax = fine ? c.pick(new Integer[] {1, 7}) : c.pick(new Integer[] {100, 1500, 70_000});
        int writeMax = fine ? c.pick(new Integer[] {1, 13}) : c.pick(new Integer[] {512, 70_000});
        int zeroWrites = c.intIn(0, 20);
        int delays = c.intIn(0, 3);
        long flipAt = -1;
        int flipBit = 0;
        long resetAt = -1;
        int kind = c.intIn(0, 9);
        if (kind >= 5 && kind <= 7) {
            flipAt = c.longIn(0, Math.max(0, expectedBytes - 1));
            flipBit = c.intIn(0, 7);
        } else if (kind >= 8) {
            resetAt = c.longIn(0, Math.max(0, expectedBytes - 1));
        }
        return new FaultPlan(seed, readMax, writeMax, zeroWrites, delays, flipAt, flipBit, resetAt);
    }
}
