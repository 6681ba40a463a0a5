package dev.marcom.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** Trust decisions, network failures and usage errors of {@code connect} and {@code listen}. */
class TrustEndToEndTest extends EndToEndTest {

    @Test
    void aChangedServerKeyIsRefusedNamingBothFingerprintsAndTheKnownPeersLine() throws Exception {
        Path clientHome = home("client");
        Path oldHome = home("server-old");
        CliProcess server = listenOnce(oldHome);
        int port = server.port();
        CliProcess client = connect(port, clientHome);
        String oldFp = client.await("connected").get("peer").asText();
        assertThat(oldFp).isEqualTo(fingerprint(oldHome));
        client.closeStdin();
        client.assertExit(0);
        server.assertExit(0);

        Path knownPeers = clientHome.resolve("known_peers");
        List<String> lines = Files.readAllLines(knownPeers);
        int line = 0;
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).startsWith(LOOPBACK + ":" + port + " " + oldFp)) {
                line = i + 1;
            }
        }
        assertThat(line)
                .as("entry for the server in\n" + String.join("\n", lines))
                .isPositive();

        // Same address, another identity.
        Path newHome = home("server-new");
        server = listenOnce(port, newHome);
        assertThat(server.port()).isEqualTo(port);
        client = connect(port, clientHome);
        client.assertExit(3);
        String newFp = fingerprint(newHome);
        assertThat(newFp).isNotEqualTo(oldFp);
        assertThat(client.stderr())
                .contains("security failure")
                .contains(oldFp)
                .contains(newFp)
                .contains(knownPeers.toString() + " line " + line);
        assertThat(client.events("connected")).isEmpty();
        assertClosed(client, "security-failure");
        // The old entry stays as it was: a changed key is never recorded.
        assertThat(Files.readAllLines(knownPeers)).isEqualTo(lines);
        // The listener saw its client hang up during the handshake, and (--once serves one
        // established session) goes on serving: a failed handshake cannot stop it.
        assertThat(server.await("closed").get("reason").asText()).isEqualTo("connection-lost");
        assertThat(server.isAlive()).isTrue();
        server.terminate();
        assertThat(server.awaitExit()).isEqualTo(143);
    }

    @Test
    void strictTrustAndExpectRefuseAnUnlistedOrWrongServer() throws Exception {
        Path serverHome = home("server");
        // A listener serving many sessions, one after the other.
        CliProcess server = cli.start(
                "listen",
                "--bind",
                LOOPBACK,
                "--port",
                "0",
                "--json",
                "--home",
                serverHome.toString(),
                "--trust",
                "tofu");
        int port = server.port();
        String serverFp = fingerprint(serverHome);

        CliProcess strict = connect(port, home("c1"), "--trust", "strict");
        strict.assertExit(3);
        assertThat(strict.stderr())
                .contains("security failure")
                .contains(LOOPBACK + ":" + port + " is not in "
                        + dir.resolve("c1").resolve("known_peers"));
        assertThat(dir.resolve("c1").resolve("known_peers")).doesNotExist();

        String wrong = "SHA256:" + Base64.getEncoder().withoutPadding().encodeToString(new byte[32]);
        CliProcess expectWrong = connect(port, home("c2"), "--expect", wrong);
        expectWrong.assertExit(3);
        assertThat(expectWrong.stderr()).contains(wrong).contains(serverFp);
        assertThat(dir.resolve("c2").resolve("known_peers")).doesNotExist();

        // The right fingerprint is accepted (and, under tofu, recorded).
        CliProcess expectRight = connect(port, home("c3"), "--expect", serverFp);
        assertThat(expectRight.await("connected").get("peer").asText()).isEqualTo(serverFp);
        expectRight.closeStdin();
        expectRight.assertExit(0);
        assertThat(Files.readString(dir.resolve("c3").resolve("known_peers")))
                .contains(LOOPBACK + ":" + port + " " + serverFp);

        server.println("/quit");
        server.assertExit(0);
    }

    @Test
    void connectionRefusedIsANetworkFailure() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket()) {
            s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            port = s.getLocalPort();
        }
        CliProcess client = connect(port, home("client"));
        client.assertExit(4);
        assertThat(client.stderr()).contains("network failure");
        assertClosed(client, "connection-lost");
    }

    @Test
    void badUsageExitsWith2() {
        CliProcess missingTarget = cli.run("connect", "--home", dir.resolve("h").toString());
        assertThat(missingTarget.awaitExit()).isEqualTo(2);
        assertThat(missingTarget.stderr()).contains("Usage:").contains("HOST[:PORT]");

        // The same parser in-process, for the many other ways to get it wrong.
        String home = dir.resolve("h").toString();
        List<String[]> wrong = List.of(
                new String[] {"connect", "127.0.0.1:0", "--home", home},
                new String[] {"connect", "127.0.0.1:port", "--home", home},
                new String[] {"connect", "127.0.0.1:70000", "--home", home},
                new String[] {"connect", "127.0.0.1:1", "--trust", "sometimes", "--home", home},
                new String[] {"connect", "127.0.0.1:1", "--expect", "not-a-fingerprint", "--home", home},
                new String[] {"listen", "--port", "70000", "--home", home},
                new String[] {"listen", "--port", "-1", "--home", home},
                new String[] {"keygen", "--bits", "1024", "--home", home},
                new String[] {"verify"},
                new String[] {"bogus"});
        for (String[] args : wrong) {
            StringWriter err = new StringWriter();
            CommandLine cl = Marcom.commandLine(java.io.InputStream.nullInputStream(), Map.of());
            cl.setOut(new PrintWriter(new StringWriter(), true));
            cl.setErr(new PrintWriter(err, true));
            assertThat(cl.execute(args)).as(String.join(" ", args) + "\n" + err).isEqualTo(2);
            assertThat(err.toString()).as(String.join(" ", args)).doesNotContain("\tat ");
        }
        assertThat(dir.resolve("h")).doesNotExist();
    }
}
