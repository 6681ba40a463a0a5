package dev.marcom.internal.fs;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Crash-safe, permission-aware file writes: owner-only directories, and files that appear under
 * their final name complete or not at all.
 *
 * <p>On POSIX file systems permissions are set when a file or directory is created, so a secret
 * is never readable by others, not even briefly. On other file systems (Windows) the permissions
 * are inherited from the parent directory.
 */
public final class SafeFiles {
    /** {@code rwx------}: private directories. */
    public static final Set<PosixFilePermission> OWNER_ONLY_DIRECTORY = PosixFilePermissions.fromString("rwx------");
    /** {@code rw-------}: secret files. */
    public static final Set<PosixFilePermission> OWNER_ONLY_FILE = PosixFilePermissions.fromString("rw-------");
    /** {@code rw-r--r--}: public files. */
    public static final Set<PosixFilePermission> WORLD_READABLE_FILE = PosixFilePermissions.fromString("rw-r--r--");

    private SafeFiles() {}

    /** True if {@code path}'s file system supports POSIX permissions. */
    public static boolean isPosix(Path path) {
        return path.getFileSystem().supportedFileAttributeViews().contains("posix");
    }

    /**
     * Creates {@code directory} and any missing parents with owner-only permissions (0700 on POSIX).
     * Directories that already exist are left as they are.
     *
     * @throws IOException if a path element exists but is not a directory, or creation fails
     */
    public static void createPrivateDirectories(Path directory) throws IOException {
        if (Files.isDirectory(directory)) {
            return;
        }
        if (isPosix(directory)) {
            Files.createDirectories(directory, PosixFilePermissions.asFileAttribute(OWNER_ONLY_DIRECTORY));
        } else {
            Files.createDirectories(directory);
        }
    }

    /**
     * Creates the new file {@code file} and opens it for writing. On POSIX it is created with
     * {@code permissions} (the umask can only remove bits), so it is never readable by more than
     * they allow, not even briefly.
     *
     * @throws FileAlreadyExistsException if {@code file} exists: it is never opened or changed
     */
    public static FileChannel createNew(Path file, Set<PosixFilePermission> permissions) throws IOException {
        if (isPosix(file)) {
            return FileChannel.open(
                    file,
                    Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE),
                    PosixFilePermissions.asFileAttribute(permissions));
        }
        return FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
    }

    /**
     * Writes {@code content} to a new temporary file in {@code directory} and forces it to disk. On
     * POSIX the file is created with {@code permissions} before any byte is written, then set to
     * exactly those permissions regardless of the umask. On failure the temporary file is deleted.
     *
     * @return the temporary file, whose name starts with {@code "." + prefix}
     */
    public static Path writeTemporary(
            Path directory, String prefix, byte[] content, Set<PosixFilePermission> permissions) throws IOException {
        Path tmp;
        if (isPosix(directory)) {
            FileAttribute<Set<PosixFilePermission>> attr = PosixFilePermissions.asFileAttribute(permissions);
            tmp = Files.createTempFile(directory, "." + prefix + ".", ".tmp", attr);
        } else {
            tmp = Files.createTempFile(directory, "." + prefix + ".", ".tmp");
        }
        boolean done = false;
        try {
            if (isPosix(directory)) {
                Files.setPosixFilePermissions(tmp, permissions);
            }
            try (FileChannel ch =
                    FileChannel.open(tmp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
                ByteBuffer buf = ByteBuffer.wrap(content);
                while (buf.hasRemaining()) {
                    ch.write(buf);
                }
                ch.force(true);
            }
            done = true;
            return tmp;
        } finally {
            if (!done) {
                deleteQuietly(tmp);
            }
        }
    }

    /**
     * Gives the complete file {@code tmp} the name {@code target} in one atomic step; {@code tmp}
     * no longer exists afterwards. With {@code replace} an existing {@code target} is replaced
     * ({@code rename(2)}); without it an existing target is never touched: the file is published
     * with {@code link(2)}, which fails atomically if the name exists (on file systems without hard
     * links, an existence check followed by an atomic rename).
     *
     * @throws FileAlreadyExistsException if {@code target} exists and {@code replace} is false
     * @throws AtomicMoveNotSupportedException if the file system cannot rename atomically
     */
    public static void publish(Path tmp, Path target, boolean replace) throws IOException {
        if (replace) {
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
            return;
        }
        try {
            Files.createLink(target, tmp);
        } catch (FileAlreadyExistsException e) {
            throw e;
        } catch (UnsupportedOperationException | FileSystemException e) {
            if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
                throw new FileAlreadyExistsException(target.toString());
            }
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
            return;
        }
        Files.delete(tmp);
    }

    /**
     * Forces {@code directory}'s entries (new names, renames) to disk. Best effort: some platforms
     * (Windows) cannot open a directory for this, and then nothing is done.
     */
    public static void syncDirectory(Path directory) {
        try (FileChannel ch = FileChannel.open(directory, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            // Not every platform can fsync a directory; the file contents are already on disk.
        }
    }

    /** Deletes {@code path} if it exists, ignoring failures (for clean-up paths). */
    public static void deleteQuietly(Path path) {
        try {
            Files.deleteIfExists(path);
        } catch (IOException e) {
            // Clean-up after another failure: that failure is the one to report.
        }
    }
}
