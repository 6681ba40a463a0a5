package dev.marcom.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.marcom.HandshakeTimeoutException;
import dev.marcom.MalformedInputException;
import dev.marcom.identity.RefusedByPeerException;
import dev.marcom.identity.TrustPolicy;
import dev.marcom.identity.UntrustedPeerException;
import dev.marcom.internal.wire.Preface;
import dev.marcom.session.SessionConfig;
import dev.marcom.testing.TestIdentities;
import dev.marcom.transport.IdleTimeoutException;
import dev.marcom.transport.NotMarcomPeerException;
import dev.marcom.transport.SecureChannel;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Every way a connection can go wrong ends that connection only, with a typed failure: a foreign
 * peer, a malformed or unexpected frame, a stalled handshake, an idle peer, a stream, an untrusted
 * identity. A quiet but healthy session survives on keep-alive.
 */
@Timeout(60)
class ServerFailureTest {
    private static final InetSocketAddress ANY_PORT = MarcomServerTest.ANY_PORT;

    private static Socket raw(MarcomServer server) throws Exception {
        Socket s = new Socket(
                server.localAddress().getAddress(), server.localAddress().getPort());
        s.setSoTimeout(10_000);
        return s;
    }

    private static Connection only(Recorder r) {
        assertThat(r.events).hasSize(1);
        return r.events.keySet().iterator().next();
    }

    @Test
    void aPeerThatDoesNotSpeakMarcomFailsAloneWhileAnotherSessionGoesOn() throws Exception {
        Recorder atServer = Recorder.echo().expectEstablished(1);
        try (MarcomServer server = MarcomServer.builder(MarcomServerTest.server(), atServer)
                        .bind(ANY_PORT);
                SecureChannel good = SecureChannel.connect(raw(server), MarcomServerTest.client())) {
            assertThat(atServer.awaitEstablished(10)).isTrue();
            atServer.expectEnds(1);
            try (Socket http = raw(server)) {
                http.getOutputStream().write("GET / HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                assertThat(atServer.awaitEnds(10)).isTrue();
                assertThat(http.getInputStream().read())
                        .as("the server hung up")
                        .isEqualTo(-1);
            }
            Exception cause = atServer.failures.values().iterator().next();
            assertThat(cause).isInstanceOf(NotMarcomPeerException.class);
            assertThat(((NotMarcomPeerException) cause).excerpt()).isEqualTo("GET / HTTP/1.1");
            good.send("still here");
            assertThat(good.receive()).map(m -> m.text()).contains("echo: still here");
        }
    }

    @Test
    void theConnectorRecognisesAServerThatDoesNotSpeakMarcom() throws Exception {
        try (ServerSocket listener = new ServerSocket(0, 5, InetAddress.getLoopbackAddress());
                MarcomConnector connector = MarcomConnector.open()) {
            CompletableFuture<Void> http = CompletableFuture.runAsync(() -> {
                try (Socket s = listener.accept()) {
                    s.getOutputStream().write("HTTP/1.1 400 Bad Request\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                    s.getInputStream().read();
                } catch (Exception ignored) {
                    // the client hangs up
                }
            });
            Recorder atClient = new Recorder().expectEnds(1);
            CompletableFuture<Connection> f = connector.connect(
                    new InetSocketAddress(InetAddress.getLoopbackAddress(), listener.getLocalPort()),
                    MarcomServerTest.client(),
                    atClient);
            assertThatThrownBy(() -> f.get(10, TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class)
                    .cause()
                    .isInstanceOf(NotMarcomPeerException.class)
                    .hasMessageContaining("does not speak MARCOM (it sent: HTTP/1.1 400 Bad Request)");
            assertThat(atClient.awaitEnds(5)).isTrue();
            assertThat(atClient.of(only(atClient))).containsExactly("failed:NotMarcomPeerException");
            http.get(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void anUnexpectedOrOversizedFrameIsRefusedAtItsHeader() throws Exception {
        Recorder atServer = new Recorder().expectEnds(2);
        try (MarcomServer server = MarcomServer.builder(MarcomServerTest.server(), atServer)
                        .bind(ANY_PORT);
                Socket record = raw(server);
                Socket huge = raw(server)) {
            // A record before any handshake, announcing 65 KiB: refused before allocating it.
            record.getOutputStream().write(Preface.prepend(new byte[] {0x17, 0, 1, 0, 0}));
            // A ClientHello announcing a megabyte.
            huge.getOutputStream().write(Preface.prepend(new byte[] {0x01, 0, 0x10, 0, 0}));
            assertThat(atServer.awaitEnds(10)).isTrue();
            assertThat(atServer.failures.values())
                    .hasSize(2)
                    .allSatisfy(e -> assertThat(e).isInstanceOf(MalformedInputException.class));
            assertThat(record.getInputStream().read()).isEqualTo(-1);
            assertThat(huge.getInputStream().read()).isEqualTo(-1);
        }
    }

    @Test
    void aStalledHandshakeTimesOut() throws Exception {
        Recorder atServer = new Recorder().expectEnds(1);
        SessionConfig config = SessionConfig.builder(TestIdentities.BOB, TrustPolicy.acceptAny())
                .handshakeTimeout(Duration.ofMillis(300))
                .build();
        try (MarcomServer server = MarcomServer.builder(config, atServer).bind(ANY_PORT);
                Socket stalled = raw(server)) {
            stalled.getOutputStream().write(Preface.bytes());
            long start = System.nanoTime();
            assertThat(atServer.awaitEnds(10)).isTrue();
            assertThat(System.nanoTime() - start).isLessThan(TimeUnit.SECONDS.toNanos(3));
            assertThat(atServer.failures.values()).singleElement().isInstanceOf(HandshakeTimeoutException.class);
            assertThat(stalled.getInputStream().read()).isEqualTo(-1);
            assertThat(server.stats().connections()).isZero();
        }
    }

    @Test
    @SuppressWarnings("try") // `frozen` only has to stay open, silent, for the test's length
    void aPeerThatStopsAnsweringIsGivenUpAfterTheIdleTimeout() throws Exception {
        Recorder atServer = new Recorder().expectEstablished(1).expectEnds(1);
        SessionConfig config = SessionConfig.builder(TestIdentities.BOB, TrustPolicy.acceptAny())
                .keepAliveInterval(Duration.ofMillis(50))
                .idleTimeout(Duration.ofMillis(400))
                .build();
        // A blocking client with its own liveness off that never receives: it never answers a PING.
        SessionConfig mute = SessionConfig.builder(TestIdentities.ALICE, TrustPolicy.acceptAny())
                .keepAliveInterval(Duration.ZERO)
                .idleTimeout(Duration.ZERO)
                .build();
        try (MarcomServer server = MarcomServer.builder(config, atServer).bind(ANY_PORT);
                SecureChannel frozen = SecureChannel.connect(raw(server), mute)) {
            assertThat(atServer.awaitEstablished(10)).isTrue();
            long start = System.nanoTime();
            assertThat(atServer.awaitEnds(10)).isTrue();
            assertThat(System.nanoTime() - start).isLessThan(TimeUnit.SECONDS.toNanos(3));
            assertThat(atServer.failures.values()).singleElement().isInstanceOf(IdleTimeoutException.class);
        }
    }

    @Test
    void aQuietHealthySessionOutlivesManyIdleTimeouts() throws Exception {
        SessionConfig serverConfig = SessionConfig.builder(TestIdentities.BOB, TrustPolicy.acceptAny())
                .keepAliveInterval(Duration.ofMillis(40))
                .idleTimeout(Duration.ofMillis(400))
                .build();
        SessionConfig clientConfig = SessionConfig.builder(TestIdentities.ALICE, TrustPolicy.acceptAny())
                .keepAliveInterval(Duration.ofMillis(40))
                .idleTimeout(Duration.ofMillis(400))
                .build();
        Recorder atServer = Recorder.echo();
        Recorder atClient = new Recorder();
        try (MarcomServer server = MarcomServer.builder(serverConfig, atServer).bind(ANY_PORT);
                MarcomConnector connector = MarcomConnector.open()) {
            Connection c = connector
                    .connect(server.localAddress(), clientConfig, atClient)
                    .get(10, TimeUnit.SECONDS);
            Thread.sleep(2_000); // five idle timeouts of silence from the applications
            assertThat(atServer.failures).isEmpty();
            assertThat(atClient.failures).isEmpty();
            c.send("still there?");
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (atClient.messages.getOrDefault(c, List.of()).isEmpty()) {
                assertThat(System.nanoTime()).isLessThan(deadline);
                Thread.sleep(5);
            }
            assertThat(atClient.messages.get(c).get(0).text()).isEqualTo("echo: still there?");
        }
    }

    @Test
    void aStreamIsRefusedWithATypedFailure() throws Exception {
        Recorder atServer = new Recorder().expectEnds(1);
        try (MarcomServer server = MarcomServer.builder(MarcomServerTest.server(), atServer)
                        .bind(ANY_PORT);
                SecureChannel client = SecureChannel.connect(raw(server), MarcomServerTest.client())) {
            InputStream data = new ByteArrayInputStream(new byte[1000]);
            try {
                client.sendStream("file.bin", 1000, data, n -> {});
            } catch (Exception e) {
                // the server may already have cut the connection
            }
            assertThat(atServer.awaitEnds(10)).isTrue();
            assertThat(atServer.failures.values())
                    .singleElement()
                    .isInstanceOf(StreamsNotSupportedException.class)
                    .satisfies(e -> assertThat(e.getMessage()).contains("file.bin"));
        }
    }

    @Test
    void anUntrustedClientIsToldSoAndTheServerReportsIt() throws Exception {
        TrustPolicy nobody = peer -> {
            throw new UntrustedPeerException(peer, "not on the list");
        };
        SessionConfig strict = SessionConfig.builder(TestIdentities.BOB, nobody).build();
        Recorder atServer = new Recorder().expectEnds(1);
        Recorder atClient = new Recorder().expectEnds(1);
        try (MarcomServer server = MarcomServer.builder(strict, atServer).bind(ANY_PORT);
                MarcomConnector connector = MarcomConnector.open()) {
            CompletableFuture<Connection> f =
                    connector.connect(server.localAddress(), MarcomServerTest.client(), atClient);
            assertThatThrownBy(() -> f.get(10, TimeUnit.SECONDS)).cause().isInstanceOf(RefusedByPeerException.class);
            assertThat(atServer.awaitEnds(10)).isTrue();
            assertThat(atServer.failures.values()).singleElement().isInstanceOf(UntrustedPeerException.class);
            assertThat(atClient.awaitEnds(10)).isTrue();
            assertThat(atServer.violations).isEmpty();
        }
    }

    @Test
    void aClientThatDoesNotReadFillsTheQueueThenWritableSaysWhenToGoOn() throws Exception {
        Limits small = Limits.builder().maxQueuedBytes(512 * 1024).build();
        Recorder atServer = new Recorder().expectEstablished(1);
        try (MarcomServer server = MarcomServer.builder(MarcomServerTest.server(), atServer)
                        .limits(small)
                        .bind(ANY_PORT);
                Socket socket = raw(server)) {
            SecureChannel client = SecureChannel.connect(socket, MarcomServerTest.client());
            assertThat(atServer.awaitEstablished(10)).isTrue();
            Connection c = only(atServer);
            byte[] chunk = new byte[256 * 1024];
            int sent = 0;
            OutboundQueueFullException full = null;
            while (full == null && sent < 1_000) { // the socket's buffers take a few MiB first
                try {
                    c.send(chunk);
                    sent++;
                } catch (OutboundQueueFullException e) {
                    full = e;
                }
            }
            assertThat(full).as("the queue filled up").isNotNull();
            assertThat(c.queuedBytes()).isGreaterThan(0).isLessThanOrEqualTo(512 * 1024 + 300_000);
            // The client catches up: every message arrives, then the server hears it may go on.
            for (int i = 0; i < sent; i++) {
                assertThat(client.receive()).isPresent();
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (!atServer.of(c).contains("writable")) {
                assertThat(System.nanoTime()).isLessThan(deadline);
                Thread.sleep(5);
            }
            c.send("after the pause");
            assertThat(client.receive()).map(m -> m.text()).contains("after the pause");
            client.close();
        }
    }

    /** Keeps the imports of stream types used by helpers honest. */
    @SuppressWarnings("unused")
    private static void write(OutputStream out, byte[] b) throws Exception {
        out.write(b);
        out.flush();
    }
}
