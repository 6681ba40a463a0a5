package dev.marcom.bench;

import java.lang.management.ManagementFactory;
import java.util.Arrays;
import javax.management.JMException;
import javax.management.ObjectName;

/**
 * The heap this JVM holds live, for memory figures: the bytes of every live object, as the class
 * histogram of a full collection counts them (its {@code Total} line; {@code jcmd
 * GC.class_histogram} prints the same).
 *
 * <p>Unlike the heap's "used" after {@code System.gc()}, this counts no dead space a collector
 * leaves in place (a full collection may skip compacting dense regions: G1's, and up to
 * {@code MarkSweepDeadRatio} of the serial collector's old generation) and no allocation buffers,
 * so two readings differ by exactly what became reachable in between, whichever collector runs.
 */
public final class LiveHeap {
    private LiveHeap() {}

    /**
     * The live bytes, least of three readings 100 ms apart: objects that only a cleaner or a
     * finalizer still holds (a closed socket's) go in the collection after it has run.
     *
     * @return bytes of live objects
     * @throws IllegalStateException if the JVM has no histogram command or its output has no total
     * @throws InterruptedException if interrupted between readings
     */
    public static long bytes() throws InterruptedException {
        long least = Long.MAX_VALUE;
        for (int i = 0; i < 3; i++) {
            if (i > 0) {
                Thread.sleep(100);
            }
            least = Math.min(least, total(classHistogram()));
        }
        return least;
    }

    /**
     * The first lines of the live-object class histogram, for a report beside the figures.
     *
     * @param lines how many lines (the header included)
     * @return the lines, or a line saying why there is none
     */
    public static String histogram(int lines) {
        try {
            String[] all = classHistogram().split("\n");
            return String.join("\n", Arrays.copyOf(all, Math.min(all.length, lines))) + "\n";
        } catch (IllegalStateException e) {
            return "no histogram: " + e.getCause() + "\n";
        }
    }

    static long total(String histogram) {
        for (String line : histogram.split("\n")) {
            String[] f = line.trim().split("\\s+");
            if (f.length == 3 && f[0].equals("Total")) {
                return Long.parseLong(f[2]);
            }
        }
        throw new IllegalStateException("class histogram without a Total line");
    }

    /** The whole class histogram of live objects, after the full collection it makes. */
    private static String classHistogram() {
        try {
            return ManagementFactory.getPlatformMBeanServer()
                    .invoke(
                            new ObjectName("com.sun.management:type=DiagnosticCommand"),
                            "gcClassHistogram",
                            new Object[] {new String[0]},
                            new String[] {String[].class.getName()})
                    .toString();
        } catch (JMException e) {
            throw new IllegalStateException("no class histogram", e);
        }
    }
}
