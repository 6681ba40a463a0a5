package dev.marcom.identity;

import dev.marcom.MarcomException;
import java.nio.file.Path;
import java.util.Objects;

/**
 * An identity file could not be read or written. Always names the {@link #file()} concerned and
 * gives a machine-readable {@link #reason()}, so that a command-line tool can, for example, prompt
 * for a passphrase on {@link Reason#PASSPHRASE_REQUIRED} and ask again on
 * {@link Reason#WRONG_PASSPHRASE}.
 *
 * <p>The message never contains key material or the passphrase.
 */
public final class IdentityFileException extends MarcomException {
    private static final long serialVersionUID = 1L;

    /** What went wrong. */
    public enum Reason {
        /** The file does not exist. */
        NOT_FOUND,
        /** Saving would replace an existing identity file and overwriting was not requested. */
        ALREADY_EXISTS,
        /** Reading or writing failed (permissions, disk full, not a directory...); see the cause. */
        IO_ERROR,
        /**
         * Not a single strict PEM block with the expected label, or larger than
         * {@link IdentityFiles#MAX_FILE_SIZE}.
         */
        BAD_PEM,
        /** Valid PEM, but the DER content is truncated, malformed or holds out-of-range values. */
        CORRUPT,
        /** A key of another type (RSA, EC, Ed25519...) or a DSA key of an unsupported size. */
        WRONG_KEY_TYPE,
        /**
         * The private key is encrypted with a scheme MARCOM does not read (anything but PBES2 with
         * PBKDF2 and AES-CBC, e.g. scrypt or PBES1), or with more PBKDF2 iterations than
         * {@link Pbkdf2Parameters#MAX_ITERATIONS}.
         */
        UNSUPPORTED_ENCRYPTION,
        /** The private key is encrypted and no passphrase was given: ask for one and try again. */
        PASSPHRASE_REQUIRED,
        /**
         * Decryption failed: the passphrase is wrong (or the encrypted bytes were altered; the two
         * cannot be told apart).
         */
        WRONG_PASSPHRASE,
        /** The public key file does not belong to the private key. */
        KEY_MISMATCH
    }

    /** Why the operation failed. */
    private final Reason reason;

    private final transient Path file;

    /**
     * Creates an exception about a file; its message is {@code "<file>: <detail>"}.
     *
     * @param reason why the operation failed
     * @param file the file concerned
     * @param detail what happened, without key material or passphrase
     * @throws NullPointerException if {@code reason} or {@code file} is null
     */
    public IdentityFileException(Reason reason, Path file, String detail) {
        this(reason, file, detail, null);
    }

    /**
     * Creates an exception about a file with the lower-level failure that caused it; its message is
     * {@code "<file>: <detail>"}.
     *
     * @param reason why the operation failed
     * @param file the file concerned
     * @param detail what happened, without key material or passphrase
     * @param cause the underlying failure, or {@code null}
     * @throws NullPointerException if {@code reason} or {@code file} is null
     */
    public IdentityFileException(Reason reason, Path file, String detail, Throwable cause) {
        super(file + ": " + detail, cause);
        this.reason = Objects.requireNonNull(reason, "reason");
        this.file = Objects.requireNonNull(file, "file");
    }

    /**
     * Returns why the operation failed.
     *
     * @return the reason, never null
     */
    public Reason reason() {
        return reason;
    }

    /**
     * Returns the file the failure concerns.
     *
     * @return the file; null only after deserialization, since a {@link Path} is not serializable
     */
    public Path file() {
        return file;
    }
}
