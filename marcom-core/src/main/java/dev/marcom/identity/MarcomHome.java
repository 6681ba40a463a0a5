package dev.marcom.identity;

import dev.marcom.internal.fs.SafeFiles;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The directory where MARCOM keeps long-term state (the identity key pair, known peers).
 *
 * <p>{@link #resolve(Optional, Map, Path)} picks, in order: an explicit path (a command-line
 * option), the {@value #ENV_VARIABLE} environment variable if set and non-empty, and
 * {@code .marcom} in the user's home directory. Resolving touches no file; {@link #create()}
 * makes the directory, owner-only.
 *
 * @param directory the directory, as resolved (relative paths are left relative)
 */
public record MarcomHome(Path directory) {
    /** The environment variable that overrides the default location. */
    public static final String ENV_VARIABLE = "MARCOM_HOME";
    /** The default directory's name inside the user's home directory. */
    public static final String DEFAULT_DIRECTORY_NAME = ".marcom";

    /**
     * Wraps a directory without touching the file system.
     *
     * @param directory the directory, as resolved (relative paths are left relative)
     * @throws NullPointerException if {@code directory} is null
     */
    public MarcomHome {
        Objects.requireNonNull(directory, "directory");
    }

    /**
     * Resolves the home directory from explicit inputs: {@code explicit} if present, else
     * {@code env.get("MARCOM_HOME")} if non-empty, else {@code userHome/.marcom}. Touches no file.
     *
     * @param explicit a directory chosen by the user, such as a command-line option, or empty
     * @param env the environment variables to consult
     * @param userHome the user's home directory
     * @return the resolved home
     * @throws NullPointerException if an argument is null
     */
    public static MarcomHome resolve(Optional<Path> explicit, Map<String, String> env, Path userHome) {
        Objects.requireNonNull(env, "env");
        Objects.requireNonNull(userHome, "userHome");
        if (explicit.isPresent()) {
            return new MarcomHome(explicit.get());
        }
        String fromEnv = env.get(ENV_VARIABLE);
        if (fromEnv != null && !fromEnv.isEmpty()) {
            return new MarcomHome(userHome.getFileSystem().getPath(fromEnv));
        }
        return new MarcomHome(userHome.resolve(DEFAULT_DIRECTORY_NAME));
    }

    /**
     * Resolves the home directory from {@code explicit}, this process's environment and the
     * {@code user.home} system property. Touches no file.
     *
     * @param explicit a directory chosen by the user, such as a command-line option, or empty
     * @return the resolved home
     * @throws NullPointerException if {@code explicit} is null
     */
    public static MarcomHome resolve(Optional<Path> explicit) {
        return resolve(explicit, System.getenv(), Path.of(System.getProperty("user.home")));
    }

    /**
     * Creates the directory, and any missing parents, with owner-only permissions (0700 on POSIX
     * file systems). An existing directory is left as it is.
     *
     * @return this
     * @throws IOException if the path exists but is not a directory, or it cannot be created
     */
    public MarcomHome create() throws IOException {
        SafeFiles.createPrivateDirectories(directory);
        return this;
    }

    /**
     * Returns the identity key files in this directory.
     *
     * @return the identity files, encrypted with {@link Pbkdf2Parameters#DEFAULT} when saved with a
     *     passphrase
     */
    public IdentityFiles identityFiles() {
        return IdentityFiles.in(directory);
    }
}
