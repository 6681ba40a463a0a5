package dev.marcom.bench.load;

import java.util.BitSet;

/**
 * The receiver's check of one session's per-message sequence numbers (carried in each message's
 * text, starting at 1): counts messages that arrive twice, out of order, or for another session.
 * Loss is what was sent minus what arrived once. Thread-safe.
 */
final class Sequence {
    private final BitSet seen = new BitSet();
    private long session = -1;
    private long max;
    private long delivered;
    private long duplicated;
    private long reordered;
    private long misrouted;

    synchronized void arrived(long sessionIndex, long n) {
        if (session < 0) {
            session = sessionIndex;
        } else if (session != sessionIndex) {
            misrouted++;
            return;
        }
        if (n < 1 || n > Integer.MAX_VALUE) {
            misrouted++;
            return;
        }
        if (seen.get((int) n)) {
            duplicated++;
            return;
        }
        seen.set((int) n);
        delivered++;
        if (n < max) {
            reordered++;
        }
        max = Math.max(max, n);
    }

    synchronized long delivered() {
        return delivered;
    }

    synchronized long duplicated() {
        return duplicated;
    }

    synchronized long reordered() {
        return reordered;
    }

    synchronized long misrouted() {
        return misrouted;
    }

    /** Parses {@code "s=<session> n=<seq> t=<nanos> ..."}; returns {s, n, t}. */
    static long[] parse(String text) {
        long[] out = new long[3];
        int i = 0;
        for (String part : text.split(" ", 4)) {
            if (i < 3 && part.length() > 2 && part.charAt(1) == '=') {
                out[i++] = Long.parseLong(part.substring(2));
            }
        }
        if (i < 3) {
            throw new IllegalArgumentException("not a load message: " + text);
        }
        return out;
    }

    static String text(long session, long n, long nanos, String padding) {
        return "s=" + session + " n=" + n + " t=" + nanos + " " + padding;
    }
}
