package dev.marcom.bench.ratio;

/**
 * One side of an interleaved ratio: work that runs for a slice of time and says how fast it went.
 * {@link Interleaved} runs the subjects of a ratio in turn, slice after slice, so that both sides
 * of the ratio see the same phase of the machine.
 */
public interface Subject {
    /** The subject's name in the results ({@code record}, {@code raw}, {@code openssl}, …). */
    String name();

    /** Whether the subject runs in this JVM (and so needs the JIT's warm-up). */
    default boolean inJvm() {
        return true;
    }

    /**
     * Runs the subject's operation for about {@code nanos} of measured time.
     *
     * @return operations per second over the slice
     * @throws Exception whatever the operation throws: a broken subject ends the run, it is not
     *     measured
     */
    double run(long nanos) throws Exception;

    /** One timed operation. */
    @FunctionalInterface
    interface Op {
        Object run() throws Exception;
    }

    /** A subject that calls {@code op} in a loop and times the loop whole. */
    static Subject timed(String name, Op op) {
        return new Subject() {
            private Object sink;

            @Override
            public String name() {
                return name;
            }

            @Override
            public double run(long nanos) throws Exception {
                long start = System.nanoTime();
                long now;
                long ops = 0;
                do {
                    sink = op.run();
                    ops++;
                    now = System.nanoTime();
                } while (now - start < nanos);
                return ops * 1e9 / (now - start);
            }

            @Override
            public String toString() {
                return name + " (last result "
                        + (sink == null ? "null" : sink.getClass().getSimpleName()) + ")";
            }
        };
    }
}
