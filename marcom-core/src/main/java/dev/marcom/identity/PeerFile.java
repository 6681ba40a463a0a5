package dev.marcom.identity;

import dev.marcom.internal.fs.SafeFiles;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The storage rules shared by {@link KnownPeers} and {@link AuthorizedPeers}, on top of
 * {@link SafeFiles}: a small UTF-8 text file read without a lock, and rewritten atomically
 * (temporary file in the same directory, {@code fsync}, {@code ATOMIC_MOVE}, directory sync)
 * by writers that serialise on a lock file
 * ({@code <file>.lock}, never deleted) with a 10-second limit. On POSIX file systems the file,
 * the lock file, temporary files and a created parent directory are owner-only.
 */
final class PeerFile {
    /** Files larger than this are refused rather than read (a hand-kept list is far smaller). */
    static final int MAX_FILE_BYTES = 4 * 1024 * 1024;

    private static final long LOCK_TIMEOUT_MS = 10_000;

    /**
     * The in-process half of the file lock, one per lock file. POSIX record locks belong to the
     * whole process, and closing <em>any</em> channel on the lock file silently releases them, so two
     * instances (or threads) of this process must never have the lock file open at the same time:
     * they first take this process-wide mutex. This is deliberate static state: it holds only lock
     * objects, never data or configuration, and mirrors a fact about the process (the JDK's own
     * table of file locks is process-wide too).
     */
    private static final Map<Path, ReentrantLock> PROCESS_LOCKS = new ConcurrentHashMap<>();

    private final Path file;
    private final Path lockFile;

    PeerFile(Path file) {
        this.file = Objects.requireNonNull(file, "file").toAbsolutePath().normalize();
        if (this.file.getFileName() == null || this.file.getParent() == null) {
            throw new IllegalArgumentException("not a file path: " + file);
        }
        this.lockFile = this.file.resolveSibling(this.file.getFileName() + ".lock");
    }

    Path file() {
        return file;
    }

    Path lockFile() {
        return lockFile;
    }

    /**
     * The file's lines without terminators, or empty with {@code existed} false if there is no
     * file.
     */
    record Lines(List<String> lines, boolean existed) {}

    Lines read() throws IOException, PeerFileFormatException {
        byte[] data;
        try (InputStream in = Files.newInputStream(file)) {
            data = in.readNBytes(MAX_FILE_BYTES + 1);
        } catch (NoSuchFileException e) {
            return new Lines(new ArrayList<>(), false);
        }
        if (data.length > MAX_FILE_BYTES) {
            throw new IOException(file + " is larger than " + MAX_FILE_BYTES + " bytes");
        }
        List<String> lines = new ArrayList<>();
        int start = 0;
        while (start < data.length) {
            int end = start;
            while (end < data.length && data[end] != '\n') {
                end++;
            }
            lines.add(decode(lines.size() + 1, Arrays.copyOfRange(data, start, end)));
            start = end + 1;
        }
        return new Lines(lines, true);
    }

    private String decode(int number, byte[] line) throws PeerFileFormatException {
        try {
            return StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(line))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new PeerFileFormatException(file, number, "not valid UTF-8");
        }
    }

    /**
     * A line's content for parsing: without a trailing CR or a leading byte order mark, and
     * refused if it holds a control character other than tab.
     */
    String clean(int number, String raw) throws PeerFileFormatException {
        String text = raw.endsWith("\r") ? raw.substring(0, raw.length() - 1) : raw;
        if (number == 1 && text.startsWith("\uFEFF")) {
            text = text.substring(1); // a byte order mark some editors write
        }
        for (int i = 0; i < text.length(); i++) {
            char ch = text.charAt(i);
            if (Character.isISOControl(ch) && ch != '\t') {
                throw new PeerFileFormatException(
                        file, number, String.format("control character U+%04X in column %d", (int) ch, i + 1));
            }
        }
        return text;
    }

    /** A comment for an entry: one line, no control characters, stripped. */
    static String checkComment(String comment) {
        Objects.requireNonNull(comment, "comment");
        for (int i = 0; i < comment.length(); i++) {
            char ch = comment.charAt(i);
            if (Character.isISOControl(ch) && ch != '\t') {
                throw new IllegalArgumentException("a comment must be one line without control characters");
            }
        }
        return comment.strip();
    }

    /** Writes the lines to a temporary file, syncs it and renames it over the file. */
    void write(List<String> lines) throws IOException {
        StringBuilder text = new StringBuilder();
        for (String line : lines) {
            text.append(line).append('\n');
        }
        Path dir = file.getParent();
        Path temp = SafeFiles.writeTemporary(
                dir,
                file.getFileName().toString(),
                text.toString().getBytes(StandardCharsets.UTF_8),
                SafeFiles.OWNER_ONLY_FILE);
        try {
            SafeFiles.publish(temp, file, true);
        } catch (AtomicMoveNotSupportedException e) {
            throw new IOException("cannot replace " + file + " atomically on this file system", e);
        } finally {
            SafeFiles.deleteQuietly(temp);
        }
        SafeFiles.syncDirectory(dir);
    }

    private static FileAttribute<?>[] ownerOnlyFile(Path dir) {
        return SafeFiles.isPosix(dir)
                ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(SafeFiles.OWNER_ONLY_FILE)}
                : new FileAttribute<?>[0];
    }

    /** A held lock: the process-wide mutex, then the file lock. Closing releases both. */
    static final class Held implements AutoCloseable {
        private final ReentrantLock processLock;
        private final FileChannel channel;

        Held(ReentrantLock processLock, FileChannel channel) {
            this.processLock = processLock;
            this.channel = channel;
        }

        @Override
        public void close() throws IOException {
            try {
                channel.close(); // releases the file lock
            } finally {
                processLock.unlock();
            }
        }
    }

    /** Takes the writers' lock, creating the directory if needed; gives up after 10 seconds. */
    Held lock() throws IOException {
        Path dir = file.getParent();
        try {
            SafeFiles.createPrivateDirectories(dir);
        } catch (FileAlreadyExistsException e) {
            // a concurrent creator won; fine if it is a directory
            if (!Files.isDirectory(dir)) {
                throw e;
            }
        }
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(LOCK_TIMEOUT_MS);
        ReentrantLock processLock = PROCESS_LOCKS.computeIfAbsent(
                dir.toRealPath().resolve(lockFile.getFileName()), k -> new ReentrantLock());
        try {
            if (!processLock.tryLock(LOCK_TIMEOUT_MS, TimeUnit.MILLISECONDS)) {
                throw new IOException("timed out waiting for the lock on " + lockFile);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted waiting for the lock on " + lockFile);
        }
        FileChannel channel = null;
        try {
            channel = FileChannel.open(
                    lockFile, Set.of(StandardOpenOption.CREATE, StandardOpenOption.WRITE), ownerOnlyFile(dir));
            long sleepMs = 1;
            while (true) {
                try {
                    FileLock lock = channel.tryLock();
                    if (lock != null) {
                        return new Held(processLock, channel);
                    }
                } catch (OverlappingFileLockException e) {
                    // Code outside this class locked the same file in this process; wait as for a process.
                }
                if (System.nanoTime() - deadline > 0) {
                    throw new IOException("timed out after " + LOCK_TIMEOUT_MS / 1000
                            + " s waiting for another process to release " + lockFile);
                }
                Thread.sleep(sleepMs);
                sleepMs = Math.min(2 * sleepMs, 16);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            closeQuietly(channel);
            processLock.unlock();
            throw new InterruptedIOException("interrupted waiting for the lock on " + lockFile);
        } catch (IOException | RuntimeException e) {
            closeQuietly(channel);
            processLock.unlock();
            throw e;
        }
    }

    private static void closeQuietly(FileChannel channel) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // nothing more to release
            }
        }
    }
}
