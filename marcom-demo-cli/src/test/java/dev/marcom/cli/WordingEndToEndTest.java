package dev.marcom.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The exact words a user reads when something goes wrong or needs attention. */
class WordingEndToEndTest extends EndToEndTest {

    @Test
    void anUnknownHostIsNamedAsSuchAndLeavesNoTranscript() {
        Path transcript = dir.resolve("t.jsonl");
        CliProcess client = cli.run(
                "connect",
                "no-such-host.invalid",
                "--json",
                "--home",
                home("client").toString(),
                "--transcript",
                transcript.toString());
        assertThat(client.awaitExit()).as(client.describe()).isEqualTo(4);
        assertThat(client.stderr()).contains("marcom: network failure: unknown host no-such-host.invalid\n");
        assertThat(client.await("error").get("message").asText()).isEqualTo("unknown host no-such-host.invalid");
        assertClosed(client, "connection-lost");
        assertThat(transcript).doesNotExist();
    }

    @Test
    void aRefusedConnectionNamesTheAddressAndLeavesNoTranscript() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket()) {
            s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            port = s.getLocalPort();
        }
        Path transcript = dir.resolve("t.jsonl");
        CliProcess client = connect(port, home("client"), "--transcript", transcript.toString());
        client.assertExit(4);
        assertThat(client.stderr())
                .contains("marcom: network failure: cannot connect to " + LOOPBACK + ":" + port
                        + ": connection refused\n");
        assertThat(transcript).doesNotExist();
    }

    @Test
    void aFailedHandshakeLeavesNoTranscriptAndAnExistingOneIsNeverOverwritten() throws Exception {
        CliProcess server = listenOnce(home("server"));
        Path transcript = dir.resolve("t.jsonl");
        CliProcess strict =
                connect(server.port(), home("client"), "--trust", "strict", "--transcript", transcript.toString());
        strict.assertExit(3);
        assertThat(transcript).doesNotExist();

        Files.writeString(transcript, "keep me\n");
        CliProcess again = cli.run(
                "connect",
                LOOPBACK + ":1",
                "--home",
                dir.resolve("client").toString(),
                "--transcript",
                transcript.toString());
        assertThat(again.awaitExit()).as(again.describe()).isEqualTo(2);
        assertThat(again.stderr())
                .contains("marcom: --transcript " + transcript + ": the file "
                        + "exists (a transcript is never appended to or overwritten; choose a new file name)\n");
        assertThat(Files.readString(transcript)).isEqualTo("keep me\n");
    }

    @Test
    void clientAddressesArePrintedWithoutJavasLeadingSlash() throws Exception {
        CliProcess server = listenOnce(home("server"));
        int port = server.port();
        int clientPort;
        try (Socket s = new Socket(LOOPBACK_ADDRESS, port)) {
            clientPort = s.getLocalPort(); // hangs up without a word: the handshake fails
        }
        server.await("closed"); // the failed handshake; --once goes on serving
        server.terminate();
        server.awaitExit();
        assertThat(server.stderr())
                .contains("listening on " + LOOPBACK + ":" + port + "\n")
                .contains("marcom: handshake with " + LOOPBACK + ":" + clientPort + " failed: network " + "failure: ")
                .doesNotContain("/" + LOOPBACK);
    }

    @Test
    void ipv6AddressesAreBracketed() throws Exception {
        @SuppressWarnings("AddressSelection") // an IPv6 literal, not a host name: nothing to select
        InetAddress v6 = InetAddress.getByName("::1");
        assumeTrue(v6 instanceof Inet6Address && canBind(v6), "no IPv6 loopback here");
        CliProcess server = cli.start(
                "listen",
                "--once",
                "--bind",
                "::1",
                "--port",
                "0",
                "--json",
                "--home",
                home("server").toString());
        int port = server.port();
        int clientPort;
        try (Socket s = new Socket(v6, port)) {
            clientPort = s.getLocalPort();
        }
        server.await("closed");
        server.terminate();
        server.awaitExit();
        assertThat(server.stderr())
                .contains("listening on [::1]:" + port + "\n")
                .contains("marcom: handshake with [::1]:" + clientPort + " failed: ")
                .doesNotContain("0:0:0:0:0:0:0:1");
    }

    private static boolean canBind(InetAddress address) {
        try (ServerSocket s = new ServerSocket()) {
            s.bind(new InetSocketAddress(address, 0));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    @Test
    void verifyNamesTheBadLineOnce() throws Exception {
        // A real transcript, then one character changed in its first message line.
        Path transcript = dir.resolve("t.jsonl");
        CliProcess server = listenOnce(home("server"));
        CliProcess client = connect(server.port(), home("client"), "--transcript", transcript.toString());
        client.await("connected");
        client.println("alpha");
        server.await("message");
        client.println("/quit");
        client.assertExit(0);
        server.assertExit(0);
        List<String> lines = new ArrayList<>(Files.readAllLines(transcript, StandardCharsets.UTF_8));
        assertThat(lines.get(0)).contains("\"text\":\"alpha\"");
        lines.set(0, lines.get(0).replace("\"text\":\"alpha\"", "\"text\":\"alpho\""));
        Files.write(transcript, lines, StandardCharsets.UTF_8);

        CliProcess bad = cli.run("verify", transcript.toString());
        assertThat(bad.awaitExit()).as(bad.describe()).isEqualTo(3);
        assertThat(bad.stderr())
                .startsWith("marcom: " + transcript + ": transcript line 1: ")
                .doesNotContain("line 1: transcript line 1");
    }

    @Test
    void withoutATerminalThePassphraseWarningSaysStdinIsNotATerminal() {
        Path home = dir.resolve("home");
        CliProcess keygen = cli.run("keygen", "--home", home.toString());
        assertThat(keygen.awaitExit()).as(keygen.describe()).isZero();
        assertThat(keygen.stderr())
                .contains("warning: no MARCOM_PASSPHRASE set and stdin is not a "
                        + "terminal: the private key is stored unencrypted (readable by you only) in "
                        + home.resolve("identity.key") + "\n");
    }

    /**
     * At a terminal with stdout redirected, Java 17 offers no console: the warning says so rather
     * than "no terminal". {@code script} runs the command on a pseudo-terminal.
     */
    @Test
    void atATerminalWithStdoutRedirectedTheWarningSaysWhyThereWasNoPrompt() throws Exception {
        Path home = dir.resolve("home");
        Path out = dir.resolve("fingerprint.txt");
        String stderr = onTerminal(
                cli.shellCommand("keygen", "--home", home.toString()) + " > " + Cli.quote(out.toString()), "");
        assertThat(stderr)
                .contains("warning: no MARCOM_PASSPHRASE set, and no passphrase prompt "
                        + "because stdout is not a terminal (redirected): the private key is stored unencrypted"
                        + " (readable by you only) in " + home.resolve("identity.key") + "\n");
        assertThat(Files.readString(out).strip()).isEqualTo(fingerprint(home));
    }

    @Test
    void anEmptyPassphraseAtThePromptIsCalledThat() throws Exception {
        Path home = dir.resolve("home");
        String output = onTerminal(cli.shellCommand("keygen", "--home", home.toString()), "\n");
        assertThat(output)
                .contains("Passphrase for the new identity (empty for none): ")
                .contains("warning: no passphrase given: the private key is stored unencrypted "
                        + "(readable by you only) in " + home.resolve("identity.key") + "\n")
                .doesNotContain("terminal");
    }

    /** Runs a shell command on a pseudo-terminal; returns what the terminal showed. */
    private String onTerminal(String command, String input) throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/script")), "no script(1) here");
        Process p = Cli.environment(new ProcessBuilder("/usr/bin/script", "-qec", command, "/dev/null"))
                .redirectErrorStream(true)
                .start();
        p.getOutputStream().write(input.getBytes(StandardCharsets.UTF_8));
        p.getOutputStream().close();
        byte[] shown = p.getInputStream().readAllBytes();
        assertThat(p.waitFor(CliProcess.TIMEOUT.toSeconds(), TimeUnit.SECONDS)).isTrue();
        String text = new String(shown, StandardCharsets.UTF_8).replace("\r", "");
        assertThat(p.exitValue()).as(text).isZero();
        return text;
    }

    @Test
    void bindingToAnUnknownHostSaysSo() {
        CliProcess server = cli.run(
                Map.of(),
                "listen",
                "--bind",
                "no-such-host.invalid",
                "--port",
                "0",
                "--home",
                home("server").toString());
        assertThat(server.awaitExit()).as(server.describe()).isEqualTo(4);
        assertThat(server.stderr()).contains("marcom: network failure: unknown host no-such-host.invalid\n");
    }
}
