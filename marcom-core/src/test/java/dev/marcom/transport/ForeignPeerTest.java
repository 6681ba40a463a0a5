package dev.marcom.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import dev.marcom.HandshakeTimeoutException;
import dev.marcom.identity.TrustPolicy;
import dev.marcom.session.SessionConfig;
import dev.marcom.testing.TestIdentities;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A MARCOM peer meets something that is not MARCOM: a real HTTP server (the JDK's), a server
 * that speaks first (like SSH or SMTP), a silent server, and an HTTP client at a MARCOM server.
 * Each ends at once (or at the handshake timeout for silence) in the same typed error every time.
 */
@Timeout(60)
class ForeignPeerTest {
    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

    private static SessionConfig config(Duration handshakeTimeout) {
        return SessionConfig.builder(TestIdentities.ALICE, TrustPolicy.acceptAny())
                .handshakeTimeout(handshakeTimeout)
                .build();
    }

    @Test
    void aClientAtAnHttpServerLearnsItDoesNotSpeakMarcom() throws Exception {
        HttpServer http = HttpServer.create(new InetSocketAddress(LOOPBACK, 0), 0);
        http.createContext("/", exchange -> {
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        http.start();
        try {
            int port = http.getAddress().getPort();
            for (int i = 0; i < 10; i++) { // the same input gives the same error, every time
                long start = System.nanoTime();
                assertThatThrownBy(
                                () -> SecureChannel.connect(new Socket(LOOPBACK, port), config(Duration.ofSeconds(30))))
                        .isInstanceOf(NotMarcomPeerException.class)
                        .hasMessageStartingWith(
                                LOOPBACK.getHostName() + ":" + port + " does not speak MARCOM (it sent: HTTP/1.1 400")
                        .satisfies(e -> assertThat(((NotMarcomPeerException) e).excerpt())
                                .startsWith("HTTP/1.1 400"));
                assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
            }
        } finally {
            http.stop(0);
        }
    }

    @Test
    void aServerThatSpeaksFirstIsQuotedPrintably() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 1, LOOPBACK)) {
            CompletableFuture<Void> ssh = CompletableFuture.runAsync(() -> {
                try (Socket s = server.accept()) {
                    s.getOutputStream()
                            .write("SSH-2.0-OpenSSH_9.2\u001b[31m\r\nmore".getBytes(StandardCharsets.ISO_8859_1));
                    s.getOutputStream().flush();
                    s.getInputStream().readAllBytes();
                } catch (Exception e) {
                    // the client hangs up
                }
            });
            assertThatThrownBy(() -> SecureChannel.connect(
                            new Socket(LOOPBACK, server.getLocalPort()), config(Duration.ofSeconds(30))))
                    .isInstanceOf(NotMarcomPeerException.class)
                    .satisfies(e -> assertThat(((NotMarcomPeerException) e).excerpt())
                            .isEqualTo("SSH-2.0-OpenSSH_9.2\\x1b[31m"));
            ssh.get(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void aSilentServerEndsInTheHandshakeTimeout() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 1, LOOPBACK)) {
            CompletableFuture<byte[]> silent = CompletableFuture.supplyAsync(() -> {
                try (Socket s = server.accept()) {
                    return s.getInputStream().readAllBytes();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            assertThatThrownBy(() -> SecureChannel.connect(
                            new Socket(LOOPBACK, server.getLocalPort()), config(Duration.ofMillis(300))))
                    .isInstanceOf(HandshakeTimeoutException.class);
            // What the client sent first: the preface, then its ClientHello frame.
            byte[] sent = silent.get(10, TimeUnit.SECONDS);
            assertThat(new String(sent, 0, 8, StandardCharsets.US_ASCII)).isEqualTo("MARCOM\r\n");
            assertThat(sent[8]).isEqualTo((byte) 0x01);
        }
    }

    @Test
    void aMarcomServerRefusesAnHttpClientAtItsFirstBytes() throws Exception {
        try (ServerSocket listener = new ServerSocket(0, 1, LOOPBACK)) {
            CompletableFuture<Throwable> server = CompletableFuture.supplyAsync(() -> {
                try (Socket s = listener.accept()) {
                    SecureChannel.accept(s, config(Duration.ofSeconds(30))).close();
                    return null;
                } catch (Exception e) {
                    return e;
                }
            });
            try (Socket http = new Socket(LOOPBACK, listener.getLocalPort())) {
                OutputStream out = http.getOutputStream();
                out.write("GET / HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                out.flush();
                InputStream in = http.getInputStream();
                assertThat(in.read()).as("the server hangs up without a word").isEqualTo(-1);
            }
            assertThat(server.get(10, TimeUnit.SECONDS))
                    .isInstanceOf(NotMarcomPeerException.class)
                    .hasMessageEndingWith("does not speak MARCOM (it sent: GET / HTTP/1.1)");
        }
    }

    @Test
    void anHonestPairExchangesPrefacesFirst() throws Exception {
        try (Links links = new Links()) {
            for (Links.Kind kind : new Links.Kind[] {Links.Kind.SOCKET, Links.Kind.NIO}) {
                Links.Link link = links.connect(
                        kind,
                        config(Duration.ofSeconds(30)),
                        SessionConfig.builder(TestIdentities.BOB, TrustPolicy.acceptAny())
                                .build());
                link.client.send("over " + kind);
                assertThat(link.server.receive().orElseThrow().text()).isEqualTo("over " + kind);
            }
        }
    }
}
