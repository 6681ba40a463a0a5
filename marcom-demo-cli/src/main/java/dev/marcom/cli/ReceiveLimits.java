package dev.marcom.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;

/**
 * How much peers may store in the receive directory: a maximum per file, a total for this
 * process (shared by all its sessions), and a reserve of free disk space that received files never
 * eat into. Thread-safe.
 */
final class ReceiveLimits {
    /** Free space a received file must leave on the file system. */
    static final long DISK_RESERVE = 256L * 1024 * 1024;

    private final long maxFile;
    private final long quota;
    private final AtomicLong used = new AtomicLong();

    ReceiveLimits(long maxFile, long quota) {
        this.maxFile = maxFile;
        this.quota = quota;
    }

    /** A file larger than what it may be. */
    static final class TooLarge extends RuntimeException {
        private static final long serialVersionUID = 1L;

        TooLarge(String why) {
            super(why, null, false, false);
        }
    }

    /**
     * The most bytes the next file may have, and the reason that bound comes from.
     *
     * @param directory the receive directory (it or its nearest existing parent is checked for
     *     free space)
     */
    Allowance allowance(Path directory) {
        long left = quota - used.get();
        long free = usableSpace(directory) - DISK_RESERVE;
        if (maxFile <= left && maxFile <= free) {
            return new Allowance(maxFile, "larger than the " + Sizes.format(maxFile) + " limit per file (--max-file)");
        }
        if (left <= free) {
            return new Allowance(
                    Math.max(0, left),
                    "more than the " + Sizes.format(Math.max(0, left)) + " left of the receive quota (--receive-quota "
                            + Sizes.format(quota) + ")");
        }
        return new Allowance(
                Math.max(0, free),
                "more than the disk can take (" + Sizes.format(Math.max(0, free)) + " free beyond a "
                        + Sizes.format(DISK_RESERVE) + " reserve)");
    }

    /** A bound on one file. */
    record Allowance(long bytes, String exceeded) {
        /** Throws {@link TooLarge} if {@code size} bytes do not fit. */
        void check(long size) {
            if (size > bytes) {
                throw new TooLarge(exceeded);
            }
        }
    }

    /** Counts a saved file against the quota. */
    void saved(long bytes) {
        used.addAndGet(bytes);
    }

    private static long usableSpace(Path directory) {
        Path p = directory.toAbsolutePath();
        while (p != null && !Files.exists(p)) {
            p = p.getParent();
        }
        try {
            return p == null ? Long.MAX_VALUE : Files.getFileStore(p).getUsableSpace();
        } catch (IOException e) {
            return Long.MAX_VALUE; // unknown: the write itself will fail if the disk is full
        }
    }
}
