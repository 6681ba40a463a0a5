package dev.marcom.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.marcom.SignatureAlgorithm;
import dev.marcom.identity.IdentityFileException;
import dev.marcom.identity.IdentityFiles;
import java.net.InetAddress;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Shared set-up of the end-to-end tests: a temporary directory for homes and files, a
 * {@link Cli} whose processes are all killed after each test, and a check that none of them
 * printed a stack trace.
 */
@Timeout(120)
abstract class EndToEndTest {
    static final String LOOPBACK = "127.0.0.1";
    /** The same address, to connect or bind to without a name lookup. */
    static final InetAddress LOOPBACK_ADDRESS = InetAddress.getLoopbackAddress();

    @TempDir
    Path dir;

    Cli cli;
    final SecureRandom random = new SecureRandom();

    @BeforeEach
    void startCli() {
        cli = new Cli(dir.resolve("user-home"));
    }

    @AfterEach
    void stopCli() {
        cli.destroyAll();
        for (CliProcess p : cli.started()) {
            p.assertNoStackTrace();
        }
    }

    /**
     * A home holding an identity made in this JVM: cheaper than a child creating it on first use,
     * for tests about something else.
     */
    Path home(String name) {
        Path home = dir.resolve(name);
        try {
            IdentityFiles.in(home).generate(SignatureAlgorithm.DSA_2048_256, null, random, false);
        } catch (IdentityFileException e) {
            throw new AssertionError(e);
        }
        return home;
    }

    /** {@code listen --once --port 0 --json --home HOME --trust tofu EXTRA...}. */
    CliProcess listenOnce(Path home, String... extra) {
        return listenOnce(0, home, extra);
    }

    /** {@code listen --once --port PORT --json --home HOME --trust tofu EXTRA...}. */
    CliProcess listenOnce(int port, Path home, String... extra) {
        return listenOnce(Map.of(), port, home, extra);
    }

    CliProcess listenOnce(Map<String, String> env, int port, Path home, String... extra) {
        return cli.start(
                env,
                concat(
                        new String[] {
                            "listen",
                            "--once",
                            "--bind",
                            LOOPBACK,
                            "--port",
                            Integer.toString(port),
                            "--json",
                            "--home",
                            home.toString(),
                            "--trust",
                            "tofu"
                        },
                        extra));
    }

    /** {@code connect 127.0.0.1:PORT --json --home HOME EXTRA...}. */
    CliProcess connect(int port, Path home, String... extra) {
        return connect(Map.of(), port, home, extra);
    }

    CliProcess connect(Map<String, String> env, int port, Path home, String... extra) {
        return cli.start(
                env,
                concat(new String[] {"connect", LOOPBACK + ":" + port, "--json", "--home", home.toString()}, extra));
    }

    static String[] concat(String[] a, String... b) {
        String[] out = new String[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    static String sha256Hex(byte[] data) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }

    /** The fingerprint of the identity in {@code home}, read as {@code fingerprint} does. */
    static String fingerprint(Path home) {
        try {
            return IdentityFiles.in(home).loadPublic().fingerprint().toString();
        } catch (Exception e) {
            throw new AssertionError("no identity in " + home, e);
        }
    }

    /** Asserts the {@code closed} event's reason. */
    static void assertClosed(CliProcess p, String reason) {
        JsonNode closed = p.await("closed");
        assertThat(closed.get("reason").asText())
                .as(p.name() + " closed reason\n" + p.describe())
                .isEqualTo(reason);
    }
}
