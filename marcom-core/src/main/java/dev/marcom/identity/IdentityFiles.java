package dev.marcom.identity;

import dev.marcom.SignatureAlgorithm;
import dev.marcom.identity.IdentityFileException.Reason;
import dev.marcom.internal.fs.SafeFiles;
import dev.marcom.internal.pem.Pem;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Objects;

/**
 * A long-term identity stored in a directory as two PEM files that OpenSSL reads and writes:
 *
 * <ul>
 *   <li>{@value #PRIVATE_KEY_FILE_NAME}: the DSA private key as PKCS#8, either
 *       {@code -----BEGIN ENCRYPTED PRIVATE KEY-----} (PBES2: PBKDF2-HMAC-SHA256 with
 *       {@link Pbkdf2Parameters}, AES-256-CBC) when saved with a passphrase, or
 *       {@code -----BEGIN PRIVATE KEY-----} without one. Owner-only (0600 on POSIX).
 *   <li>{@value #PUBLIC_KEY_FILE_NAME}: the public key as an X.509 SubjectPublicKeyInfo,
 *       {@code -----BEGIN PUBLIC KEY-----}, for sharing. Mode 0644 on POSIX.
 * </ul>
 *
 * <p>Guarantees:
 *
 * <ul>
 *   <li><b>Atomic saves.</b> Each file is written to a temporary file in the same directory,
 *       forced to disk, then renamed into place, so a crash leaves either the old file or the new
 *       one, never a partial file. The private key's temporary file has its owner-only
 *       permissions from the moment it is created. No temporary file survives a failed save.
 *   <li><b>No accidental overwrite.</b> Saving refuses ({@link Reason#ALREADY_EXISTS}) if either
 *       file exists, unless {@code force} is given; without {@code force} an existing file is
 *       never replaced, even by a concurrent writer (the file is published with a hard link).
 *   <li><b>Typed errors.</b> Every failure, including I/O errors, is an
 *       {@link IdentityFileException} that names the file and gives a {@link Reason}; arbitrary
 *       file contents never cause another exception, and a wrong passphrase never yields a key.
 *   <li><b>Validated keys.</b> Only DSA 2048/256 and 3072/256 keys load, with the private value in
 *       range and {@value #PUBLIC_KEY_FILE_NAME} holding the matching public key.
 *   <li><b>Passphrases.</b> Passed as {@code char[]} and encoded as UTF-8 (as OpenSSL and the
 *       JDK do); the caller's array is neither kept nor modified, so the caller should wipe it.
 *       MARCOM's code copies neither the passphrase nor the derived key, and wipes its copies of
 *       the plaintext key encoding after use. (Copies inside BouncyCastle and JDK objects, such
 *       as key specs, keys and cipher state, are outside its reach.)
 * </ul>
 *
 * <p>Reading also accepts encrypted keys written by OpenSSL ({@code openssl genpkey
 * -aes-256-cbc}, {@code openssl pkcs8 -topk8 -v2 aes-128-cbc -v2prf hmacWithSHA512}...): PBES2
 * with PBKDF2 (HMAC-SHA1/224/256/384/512, at most {@link Pbkdf2Parameters#MAX_ITERATIONS}
 * iterations) and AES-128/192/256-CBC, with a non-empty passphrase. Other schemes (scrypt,
 * PBES1) are {@link Reason#UNSUPPORTED_ENCRYPTION}.
 *
 * <p>Instances are immutable and hold no open files; concurrent saves to one directory are not
 * coordinated beyond the no-overwrite guarantee.
 */
public final class IdentityFiles {
    /** The private key file's name. */
    public static final String PRIVATE_KEY_FILE_NAME = "identity.key";
    /** The public key file's name. */
    public static final String PUBLIC_KEY_FILE_NAME = "identity.pub";
    /** The largest identity file read, in bytes (64 KiB); larger files are {@link Reason#BAD_PEM}. */
    public static final int MAX_FILE_SIZE = Pem.MAX_INPUT;

    private final Path directory;
    private final Pbkdf2Parameters kdf;

    private IdentityFiles(Path directory, Pbkdf2Parameters kdf) {
        this.directory = Objects.requireNonNull(directory, "directory");
        this.kdf = Objects.requireNonNull(kdf, "kdf");
    }

    /**
     * Returns the identity files in a directory, encrypted with {@link Pbkdf2Parameters#DEFAULT}
     * when saved with a passphrase. Touches no file.
     *
     * @param directory the directory holding (or to hold) the two files; need not exist yet
     * @return the identity files
     * @throws NullPointerException if {@code directory} is null
     */
    public static IdentityFiles in(Path directory) {
        return new IdentityFiles(directory, Pbkdf2Parameters.DEFAULT);
    }

    /**
     * Returns the identity files in a directory, encrypted with {@code kdf} when saved with a
     * passphrase. Loading reads whatever parameters the file names, up to the limit. Touches no file.
     *
     * @param directory the directory holding (or to hold) the two files; need not exist yet
     * @param kdf the key derivation parameters for saving
     * @return the identity files
     * @throws NullPointerException if an argument is null
     */
    public static IdentityFiles in(Path directory, Pbkdf2Parameters kdf) {
        return new IdentityFiles(directory, kdf);
    }

    /**
     * Returns the directory holding the files.
     *
     * @return the directory given at construction
     */
    public Path directory() {
        return directory;
    }

    /**
     * Returns the key derivation parameters used when saving with a passphrase.
     *
     * @return the parameters given at construction, or {@link Pbkdf2Parameters#DEFAULT}
     */
    public Pbkdf2Parameters kdf() {
        return kdf;
    }

    /**
     * Returns the path of the private key file.
     *
     * @return {@code directory/identity.key}
     */
    public Path privateKeyFile() {
        return directory.resolve(PRIVATE_KEY_FILE_NAME);
    }

    /**
     * Returns the path of the public key file.
     *
     * @return {@code directory/identity.pub}
     */
    public Path publicKeyFile() {
        return directory.resolve(PUBLIC_KEY_FILE_NAME);
    }

    /**
     * Tells whether an identity is stored here, even in part.
     *
     * @return true if the private or the public key file exists (so saving would need
     *     {@code force}); symbolic links count as files and are not followed
     */
    public boolean exists() {
        return Files.exists(privateKeyFile(), LinkOption.NOFOLLOW_LINKS)
                || Files.exists(publicKeyFile(), LinkOption.NOFOLLOW_LINKS);
    }

    /**
     * Whether the private key file is encrypted, so that a caller can ask for the passphrase before
     * {@link #load}. Reads the file but decrypts nothing.
     *
     * @return true if the private key file is {@code ENCRYPTED PRIVATE KEY}, false if it is an
     *     unencrypted {@code PRIVATE KEY}
     * @throws IdentityFileException if the file is missing, unreadable, or not a PKCS#8 PEM file
     */
    public boolean isEncrypted() throws IdentityFileException {
        Path file = privateKeyFile();
        byte[] content = read(file);
        try {
            return KeyFileFormat.isEncrypted(file, content);
        } finally {
            Arrays.fill(content, (byte) 0);
        }
    }

    /**
     * Generates a fresh identity of {@code size} and {@link #save saves} it.
     *
     * @param size the DSA key size
     * @param passphrase the passphrase to encrypt the private key with, or null to store it
     *     unencrypted
     * @param random the source of the key, the salt and the IV
     * @param force replace an existing identity
     * @return the new identity
     * @throws IdentityFileException {@link Reason#ALREADY_EXISTS} before any key is generated if
     *     an identity exists and {@code force} is false, or as {@link #save} does
     * @throws IllegalArgumentException if {@code passphrase} is empty or not valid UTF-16
     */
    public Identity generate(SignatureAlgorithm size, char[] passphrase, SecureRandom random, boolean force)
            throws IdentityFileException {
        Objects.requireNonNull(size, "size");
        Objects.requireNonNull(random, "random");
        checkPassphrase(passphrase);
        if (!force) {
            refuseExisting(privateKeyFile());
            refuseExisting(publicKeyFile());
        }
        Identity identity = Identity.generate(size, random);
        save(identity, passphrase, random, force);
        return identity;
    }

    /**
     * Saves {@code identity}: the private key (encrypted if {@code passphrase} is not null) and the
     * public key, each atomically. Creates the directory, owner-only, if it is missing.
     *
     * <p>The two files are published one after the other, private key first; a crash between the
     * two renames can leave a new private key without its public key (on a first save) or beside
     * the old one (with {@code force}), which {@link #load} reports as {@link Reason#NOT_FOUND} or
     * {@link Reason#KEY_MISMATCH}.
     *
     * @param identity the identity to store
     * @param passphrase the passphrase to encrypt the private key with, or null to store it
     *     unencrypted; not modified
     * @param random the source of the salt and IV
     * @param force replace existing files
     * @throws IdentityFileException {@link Reason#ALREADY_EXISTS} if either file exists and
     *     {@code force} is false (nothing is written), or {@link Reason#IO_ERROR}
     * @throws IllegalArgumentException if {@code passphrase} is empty or not valid UTF-16
     */
    public void save(Identity identity, char[] passphrase, SecureRandom random, boolean force)
            throws IdentityFileException {
        Objects.requireNonNull(identity, "identity");
        Objects.requireNonNull(random, "random");
        checkPassphrase(passphrase);
        Path keyFile = privateKeyFile();
        Path pubFile = publicKeyFile();
        try {
            SafeFiles.createPrivateDirectories(directory);
        } catch (IOException e) {
            throw new IdentityFileException(Reason.IO_ERROR, directory, "cannot create the directory: " + e, e);
        }
        if (!force) {
            refuseExisting(keyFile);
            refuseExisting(pubFile);
        }
        byte[] keyPem = KeyFileFormat.encodePrivate(identity, passphrase, kdf, random);
        byte[] pubPem = KeyFileFormat.encodePublic(identity.publicIdentity());
        Path keyTmp = null;
        Path pubTmp = null;
        Path current = keyFile;
        boolean keyPublished = false;
        try {
            keyTmp = SafeFiles.writeTemporary(directory, PRIVATE_KEY_FILE_NAME, keyPem, SafeFiles.OWNER_ONLY_FILE);
            current = pubFile;
            pubTmp = SafeFiles.writeTemporary(directory, PUBLIC_KEY_FILE_NAME, pubPem, SafeFiles.WORLD_READABLE_FILE);
            current = keyFile;
            SafeFiles.publish(keyTmp, keyFile, force);
            keyTmp = null;
            keyPublished = true;
            current = pubFile;
            SafeFiles.publish(pubTmp, pubFile, force);
            pubTmp = null;
            SafeFiles.syncDirectory(directory);
        } catch (FileAlreadyExistsException e) {
            if (keyPublished && !force) {
                // identity.pub appeared after the check above; identity.key is ours: take it back.
                SafeFiles.deleteQuietly(keyFile);
            }
            throw new IdentityFileException(
                    Reason.ALREADY_EXISTS, current, "already exists; not overwritten without force", e);
        } catch (IOException e) {
            throw new IdentityFileException(Reason.IO_ERROR, current, "cannot write: " + e, e);
        } finally {
            Arrays.fill(keyPem, (byte) 0);
            if (keyTmp != null) {
                SafeFiles.deleteQuietly(keyTmp);
            }
            if (pubTmp != null) {
                SafeFiles.deleteQuietly(pubTmp);
            }
        }
    }

    /**
     * Loads the identity: decodes (and if need be decrypts) {@value #PRIVATE_KEY_FILE_NAME}, then
     * checks that {@value #PUBLIC_KEY_FILE_NAME} holds its public key. Both files are required: the
     * public key is what detects damage to an encrypted private key, since PBES2 has no integrity
     * check and a damaged final block can decrypt to a different, valid-looking key.
     *
     * @param passphrase the passphrase, or null if none is known yet; ignored if the private key
     *     is not encrypted; not modified
     * @return the identity
     * @throws IdentityFileException naming the offending file: {@link Reason#NOT_FOUND},
     *     {@link Reason#PASSPHRASE_REQUIRED} (encrypted and {@code passphrase} is null),
     *     {@link Reason#WRONG_PASSPHRASE}, {@link Reason#KEY_MISMATCH} (naming the public key file),
     *     or a format reason
     */
    public Identity load(char[] passphrase) throws IdentityFileException {
        Path keyFile = privateKeyFile();
        Path pubFile = publicKeyFile();
        byte[] key = read(keyFile);
        try {
            byte[] pub;
            try {
                pub = read(pubFile);
            } catch (IdentityFileException e) {
                if (e.reason() != Reason.NOT_FOUND) {
                    throw e;
                }
                pub = null; // reported after the private key, whose problems come first
            }
            return KeyFileFormat.decodePair(keyFile, key, passphrase, pubFile, pub);
        } finally {
            Arrays.fill(key, (byte) 0);
        }
    }

    /**
     * Loads only the public key from {@value #PUBLIC_KEY_FILE_NAME}: no passphrase needed, e.g. to
     * show this identity's fingerprint.
     *
     * @return the public identity
     * @throws IdentityFileException naming the file: {@link Reason#NOT_FOUND}, or a format reason
     */
    public PeerIdentity loadPublic() throws IdentityFileException {
        Path file = publicKeyFile();
        return KeyFileFormat.decodePublic(file, read(file));
    }

    @Override
    public String toString() {
        return "IdentityFiles[" + directory + "]";
    }

    private static void checkPassphrase(char[] passphrase) {
        if (passphrase != null && passphrase.length == 0) {
            throw new IllegalArgumentException("empty passphrase: pass null to store the private key unencrypted");
        }
    }

    private static void refuseExisting(Path file) throws IdentityFileException {
        if (Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
            throw new IdentityFileException(
                    Reason.ALREADY_EXISTS, file, "already exists; not overwritten without force");
        }
    }

    /** Reads at most {@link #MAX_FILE_SIZE} bytes of {@code file}. */
    private static byte[] read(Path file) throws IdentityFileException {
        byte[] content;
        try (InputStream in = Files.newInputStream(file)) {
            content = in.readNBytes(MAX_FILE_SIZE + 1);
        } catch (NoSuchFileException e) {
            throw new IdentityFileException(Reason.NOT_FOUND, file, "does not exist", e);
        } catch (IOException e) {
            throw new IdentityFileException(Reason.IO_ERROR, file, "cannot read: " + e, e);
        }
        if (content.length > MAX_FILE_SIZE) {
            Arrays.fill(content, (byte) 0);
            throw new IdentityFileException(
                    Reason.BAD_PEM, file, "larger than " + MAX_FILE_SIZE + " bytes; not an identity file");
        }
        return content;
    }
}
