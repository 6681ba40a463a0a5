package dev.marcom.cli;

import dev.marcom.SignatureAlgorithm;
import dev.marcom.identity.Identity;
import dev.marcom.identity.IdentityFileException;
import dev.marcom.identity.IdentityFiles;
import dev.marcom.identity.MarcomHome;
import java.io.Console;
import java.io.IOException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;

/**
 * Loads this user's identity from the MARCOM home, creating it on first use. The passphrase
 * comes from {@code MARCOM_PASSPHRASE}, else an interactive prompt; with neither, a new key is
 * stored unencrypted (owner-only permissions) with a warning.
 */
final class HomeIdentity {
    static final String PASSPHRASE_ENV = "MARCOM_PASSPHRASE";

    private HomeIdentity() {}

    static MarcomHome home(Path explicit, Map<String, String> env) {
        return MarcomHome.resolve(Optional.ofNullable(explicit), env, Path.of(System.getProperty("user.home")));
    }

    /** Loads the identity, or creates one (announcing its fingerprint) if none exists. */
    static Identity loadOrCreate(MarcomHome home, Map<String, String> env, Terminal terminal)
            throws IOException, IdentityFileException {
        IdentityFiles files = home.create().identityFiles();
        if (!files.exists()) {
            return create(files, SignatureAlgorithm.DSA_2048_256, env, terminal, false);
        }
        char[] passphrase = files.isEncrypted() ? passphrase(env, false).chars() : null;
        try {
            return files.load(passphrase);
        } finally {
            wipe(passphrase);
        }
    }

    /** Creates and saves a new identity. */
    static Identity create(
            IdentityFiles files,
            SignatureAlgorithm algorithm,
            Map<String, String> env,
            Terminal terminal,
            boolean force)
            throws IOException, IdentityFileException {
        Passphrase passphrase = passphrase(env, true);
        try {
            if (passphrase.chars() == null) {
                terminal.info("warning: " + passphrase.whyNone() + ": the private key is stored "
                        + "unencrypted (readable by you only) in " + files.privateKeyFile());
            }
            Identity identity = files.generate(algorithm, passphrase.chars(), new SecureRandom(), force);
            terminal.info("created identity " + identity.fingerprint() + " in " + files.directory());
            return identity;
        } finally {
            wipe(passphrase.chars());
        }
    }

    /**
     * A passphrase, or null with the reason there is none, in the user's terms.
     *
     * @param chars null when there is no passphrase
     * @param whyNone why there is none (null when there is one)
     */
    private record Passphrase(char[] chars, String whyNone) {}

    /** The passphrase from the environment or a prompt. */
    private static Passphrase passphrase(Map<String, String> env, boolean confirm) {
        String fromEnv = env.get(PASSPHRASE_ENV);
        if (fromEnv != null && !fromEnv.isEmpty()) {
            return new Passphrase(fromEnv.toCharArray(), null);
        }
        Console console = Tty.console();
        if (console == null) {
            return new Passphrase(null, whyNoPrompt(Tty.stdinIsTerminal()));
        }
        char[] first = console.readPassword(
                confirm ? "Passphrase for the new identity (empty for none): " : "Identity passphrase: ");
        if (first == null) {
            return new Passphrase(null, "no passphrase (the input ended at the prompt)");
        }
        if (first.length == 0) {
            return new Passphrase(null, "no passphrase given");
        }
        if (confirm) {
            char[] again = console.readPassword("Repeat the passphrase: ");
            boolean same = Arrays.equals(first, again);
            wipe(again);
            if (!same) {
                wipe(first);
                throw new IllegalArgumentException("the passphrases do not match");
            }
        }
        return new Passphrase(first, null);
    }

    /**
     * Why there was no prompt: Java 17 offers one only when stdin and stdout are both terminals.
     *
     * @param stdinIsTerminal what the system says, if it could be asked
     */
    static String whyNoPrompt(Optional<Boolean> stdinIsTerminal) {
        if (stdinIsTerminal.isEmpty()) {
            return "no " + PASSPHRASE_ENV + " set and no terminal to ask for a passphrase";
        }
        return stdinIsTerminal.get()
                ? "no " + PASSPHRASE_ENV + " set, and no passphrase prompt because stdout is not a "
                        + "terminal (redirected)"
                : "no " + PASSPHRASE_ENV + " set and stdin is not a terminal";
    }

    private static void wipe(char[] c) {
        if (c != null) {
            Arrays.fill(c, '\0');
        }
    }
}
