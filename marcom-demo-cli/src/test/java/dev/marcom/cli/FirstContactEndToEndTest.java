package dev.marcom.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * What a new user meets first: a wrong port (another service, or a silent one), a server that
 * does not (yet) authorize the client, server-side trust on first use, and a peer that freezes.
 */
class FirstContactEndToEndTest extends EndToEndTest {

    @Test
    void connectingToAnHttpServerSaysItIsNotMarcomAtOnceWithExitFour() throws Exception {
        HttpServer http = HttpServer.create(new InetSocketAddress(LOOPBACK_ADDRESS, 0), 0);
        http.createContext("/", exchange -> {
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        http.start();
        try {
            int port = http.getAddress().getPort();
            long start = System.nanoTime();
            CliProcess client = connect(port, home("client"));
            client.assertExit(4).assertNoStackTrace();
            assertThat(Duration.ofNanos(System.nanoTime() - start))
                    .as("exits within 5 s")
                    .isLessThan(Duration.ofSeconds(5));
            assertThat(client.stderr())
                    .contains("marcom: " + LOOPBACK + ":" + port
                            + " does not speak MARCOM (it sent: HTTP/1.1 400 Bad Request); check the port");
            assertThat(client.stderr()).doesNotContain("security failure");
            assertClosed(client, "connection-lost");
        } finally {
            http.stop(0);
        }
    }

    @Test
    @SuppressWarnings("FutureReturnValueIgnored") // the silent server catches everything itself
    void aSilentServerEndsInTheTimeoutGiven() throws Exception {
        try (ServerSocket silent = new ServerSocket(0, 5, LOOPBACK_ADDRESS)) {
            CompletableFuture.runAsync(() -> {
                try (Socket s = silent.accept()) {
                    s.getInputStream().readAllBytes();
                } catch (Exception e) {
                    // the client hangs up
                }
            });
            CliProcess client = connect(silent.getLocalPort(), home("client"), "--timeout", "1.5");
            client.assertExit(4).assertNoStackTrace();
            assertThat(client.stderr())
                    .contains("marcom: no MARCOM handshake from " + LOOPBACK + ":" + silent.getLocalPort()
                            + " within 1.5 s (is a MARCOM peer listening there?");
        }
    }

    @Test
    void byDefaultListenRefusesAnUnlistedClientWhoIsToldSoAndGetsInOnceAuthorized() throws Exception {
        Path serverHome = home("server");
        Path clientHome = home("client");
        CliProcess server =
                cli.start("listen", "--bind", LOOPBACK, "--port", "0", "--json", "--home", serverHome.toString());
        int port = server.port();
        CliProcess refused = connect(port, clientHome);
        refused.assertExit(3).assertNoStackTrace();
        String clientFp = fingerprint(clientHome);
        assertThat(refused.stderr())
                .contains("marcom: the server refused this identity (" + clientFp + "); ask its operator to add it");
        assertClosed(refused, "security-failure");
        assertThat(server.await("error").get("message").asText())
                .startsWith("identity is not listed in " + serverHome.resolve("authorized_peers"));
        assertThat(server.stderr())
                .contains("security failure: identity is not listed in " + serverHome.resolve("authorized_peers"));
        assertThat(serverHome.resolve("authorized_peers")).doesNotExist();

        // The operator adds the client; the running server reads the file at the next handshake.
        Files.writeString(serverHome.resolve("authorized_peers"), clientFp + " the client\n");
        CliProcess admitted = connect(port, clientHome);
        assertThat(admitted.await("connected").get("peer").asText()).isEqualTo(fingerprint(serverHome));
        assertThat(server.await("connected").get("new_peer").asBoolean()).isFalse();
        admitted.closeStdin();
        admitted.assertExit(0);
        server.terminate();
        assertThat(server.awaitExit()).isEqualTo(143);
    }

    @Test
    void listenWithTofuRecordsEachNewClientInAuthorizedPeers() throws Exception {
        Path serverHome = home("server");
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
        java.util.List<Path> homes = java.util.List.of(home("a"), home("b"), home("c"));
        for (Path clientHome : homes) { // three clients from one host
            for (int visit = 0; visit < 2; visit++) {
                CliProcess client = connect(port, clientHome);
                client.await("connected");
                String fp = fingerprint(clientHome);
                boolean first = visit == 0;
                // The first visit is announced as a new peer, the second as a known one.
                server.await(
                        "connected",
                        e -> e.get("peer").asText().equals(fp)
                                && e.get("new_peer").asBoolean() == first);
                client.closeStdin();
                client.assertExit(0);
            }
        }
        assertThat(Files.readString(serverHome.resolve("authorized_peers")))
                .contains(fingerprint(homes.get(0)), fingerprint(homes.get(1)), fingerprint(homes.get(2)));
        server.terminate();
        server.awaitExit();
    }

    @Test
    void aFrozenPeerIsNoticedByTheKeepAliveAndEndsTheSessionWithExitFour() throws Exception {
        CliProcess server = listenOnce(home("server"), "--keepalive", "0.3", "--idle-timeout", "2");
        CliProcess client = connect(server.port(), home("client"), "--keepalive", "0.3", "--idle-timeout", "2");
        client.await("connected");
        server.await("connected");
        server.signal("STOP"); // frozen: the kernel keeps the connection, nobody answers
        try {
            client.assertExit(4).assertNoStackTrace();
            assertClosed(client, "idle-timeout");
            assertThat(client.stderr()).contains("no data from the peer for 2 s (idle timeout)");
        } finally {
            server.signal("CONT");
        }
        server.awaitExit();
    }
}
