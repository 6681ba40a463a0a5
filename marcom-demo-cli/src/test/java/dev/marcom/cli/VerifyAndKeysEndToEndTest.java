package dev.marcom.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code verify} on transcripts of a real chat; {@code keygen} and {@code fingerprint}. */
class VerifyAndKeysEndToEndTest extends EndToEndTest {

    @Test
    void transcriptsOfBothSidesVerifyAndAnEditedLineIsNamed() throws Exception {
        Path serverTranscript = dir.resolve("server.jsonl");
        Path clientTranscript = dir.resolve("client.jsonl");
        CliProcess server = listenOnce(home("server"), "--transcript", serverTranscript.toString());
        CliProcess client = connect(server.port(), home("client"), "--transcript", clientTranscript.toString());
        client.await("connected");
        client.println("alpha");
        server.await("message");
        server.println("bravo");
        client.await("message");
        client.println("charlie");
        server.await("message");
        client.println("/quit");
        client.assertExit(0);
        server.assertExit(0);

        CliProcess okClient = cli.run("verify", clientTranscript.toString());
        CliProcess okServer = cli.run("verify", serverTranscript.toString());
        for (CliProcess ok : List.of(okClient, okServer)) {
            assertThat(ok.awaitExit()).as(ok.describe()).isZero();
            assertThat(ok.stdout())
                    .contains(": OK, 3 messages verified, written by ")
                    .contains("2 messages signed by " + fingerprint(dir.resolve("client")))
                    .contains("1 message signed by " + fingerprint(dir.resolve("server")));
        }

        // One character changed in the received message's line (not the first line).
        List<String> lines = Files.readAllLines(clientTranscript, StandardCharsets.UTF_8);
        int edited = -1;
        List<String> changed = new ArrayList<>(lines);
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains("\"text\":\"bravo\"")) {
                edited = i + 1;
                changed.set(i, lines.get(i).replace("\"text\":\"bravo\"", "\"text\":\"brave\""));
            }
        }
        assertThat(edited).as("line with bravo in\n" + String.join("\n", lines)).isGreaterThan(1);
        Path tampered = dir.resolve("tampered.jsonl");
        Files.write(tampered, changed, StandardCharsets.UTF_8);
        CliProcess bad = cli.run("verify", tampered.toString());
        assertThat(bad.awaitExit()).as(bad.describe()).isEqualTo(3);
        assertThat(bad.stderr()).contains("line " + edited + ":");
        assertThat(bad.stdout()).doesNotContain("OK");

        CliProcess missing = cli.run("verify", dir.resolve("no-such.jsonl").toString());
        assertThat(missing.awaitExit()).isEqualTo(2);
        assertThat(missing.stderr()).contains("no such file");
    }

    @Test
    void keygenAndFingerprintAgreeAndKeygenRefusesToReplaceWithoutForce() throws Exception {
        Path home = dir.resolve("home");
        Map<String, String> env = Map.of("MARCOM_HOME", home.toString());
        CliProcess keygen = cli.run(env, "keygen");
        assertThat(keygen.awaitExit()).as(keygen.describe()).isZero();
        String fp = keygen.stdout().strip();
        assertThat(fp).matches("SHA256:[A-Za-z0-9+/]{43}");
        assertThat(keygen.stderr()).contains("unencrypted");
        assertThat(Files.readString(home.resolve("identity.key"))).startsWith("-----BEGIN PRIVATE KEY-----");

        CliProcess print = cli.run(env, "fingerprint");
        assertThat(print.awaitExit()).isZero();
        assertThat(print.stdout().strip()).isEqualTo(fp);

        CliProcess again = cli.run(env, "keygen");
        assertThat(again.awaitExit()).isEqualTo(2);
        assertThat(again.stderr()).contains("--force");
        assertThat(fingerprint(home)).isEqualTo(fp);

        CliProcess forced = cli.run("keygen", "--force", "--home", home.toString());
        assertThat(forced.awaitExit()).isZero();
        assertThat(forced.stdout().strip()).isNotEqualTo(fp).isEqualTo(fingerprint(home));
    }

    @Test
    void withAPassphraseTheKeyIsEncryptedAndStillUsable() throws Exception {
        Path home = dir.resolve("home");
        Map<String, String> pass = Map.of(HomeIdentity.PASSPHRASE_ENV, "correct horse battery");
        CliProcess keygen = cli.run(pass, "keygen", "--home", home.toString());
        assertThat(keygen.awaitExit()).as(keygen.describe()).isZero();
        String fp = keygen.stdout().strip();
        assertThat(keygen.stderr()).doesNotContain("unencrypted");
        assertThat(Files.readString(home.resolve("identity.key")))
                .startsWith("-----BEGIN ENCRYPTED PRIVATE KEY-----")
                .doesNotContain("-----BEGIN PRIVATE KEY-----");

        // Reading the fingerprint needs no passphrase.
        CliProcess print = cli.run("fingerprint", "--home", home.toString());
        assertThat(print.awaitExit()).isZero();
        assertThat(print.stdout().strip()).isEqualTo(fp);

        // Using the key does: without it the identity is unusable (exit 2), with it it loads.
        CliProcess noPass = cli.run("listen", "--port", "0", "--bind", LOOPBACK, "--json", "--home", home.toString());
        assertThat(noPass.awaitExit()).as(noPass.describe()).isEqualTo(2);
        assertThat(noPass.events("listening")).isEmpty();

        CliProcess withPass =
                cli.start(pass, "listen", "--port", "0", "--bind", LOOPBACK, "--json", "--home", home.toString());
        withPass.port();
        withPass.println("/quit");
        withPass.assertExit(0);
        assertThat(withPass.stderr()).contains("identity " + fp);
    }
}
