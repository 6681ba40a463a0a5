package dev.marcom.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.marcom.SessionClosedException;
import dev.marcom.identity.TrustPolicy;
import dev.marcom.session.SessionConfig;
import dev.marcom.session.VerifiedMessage;
import dev.marcom.testing.TestIdentities;
import dev.marcom.transport.SecureChannel;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The non-blocking server and connector: sessions, messages in order, clean ends, interop. */
@Timeout(60)
class MarcomServerTest {
    static final InetSocketAddress ANY_PORT = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);

    static SessionConfig server() {
        return SessionConfig.builder(TestIdentities.BOB, TrustPolicy.acceptAny())
                .build();
    }

    static SessionConfig client() {
        return SessionConfig.builder(TestIdentities.ALICE, TrustPolicy.acceptAny())
                .build();
    }

    @Test
    void manySessionsExchangeMessagesInOrderAndCloseCleanly() throws Exception {
        int sessions = 20;
        int perSession = 5;
        Recorder atServer = Recorder.echo().expectEnds(sessions);
        Recorder atClient = new Recorder().expectEnds(sessions);
        try (MarcomServer server = MarcomServer.builder(server(), atServer).bind(ANY_PORT);
                MarcomConnector connector = MarcomConnector.open()) {
            List<CompletableFuture<Connection>> opening = new ArrayList<>();
            for (int i = 0; i < sessions; i++) {
                opening.add(connector.connect(server.localAddress(), client(), atClient));
            }
            List<Connection> connections = new ArrayList<>();
            for (CompletableFuture<Connection> f : opening) {
                connections.add(f.get(30, TimeUnit.SECONDS));
            }
            for (int n = 1; n <= perSession; n++) {
                for (int i = 0; i < sessions; i++) {
                    VerifiedMessage sent = connections.get(i).send("s" + i + " n" + n);
                    assertThat(sent.sequence()).isEqualTo(n);
                }
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            for (Connection c : connections) {
                while (atClient.messages.getOrDefault(c, List.of()).size() < perSession) {
                    assertThat(System.nanoTime()).as("echoes arrive").isLessThan(deadline);
                    Thread.sleep(5);
                }
            }
            for (int i = 0; i < sessions; i++) {
                Connection c = connections.get(i);
                List<VerifiedMessage> got = atClient.messages.get(c);
                for (int n = 1; n <= perSession; n++) {
                    assertThat(got.get(n - 1).text()).isEqualTo("echo: s" + i + " n" + n);
                    assertThat(got.get(n - 1).sequence()).isEqualTo(n);
                }
                c.close();
            }
            assertThat(atClient.awaitEnds(20)).isTrue();
            assertThat(atServer.awaitEnds(20)).isTrue();
            for (Connection c : connections) {
                assertThat(atClient.of(c)).first().isEqualTo("established");
                assertThat(atClient.of(c)).last().isEqualTo("closed:CLOSED_LOCALLY");
                assertThatThrownBy(() -> c.send("late")).isInstanceOf(SessionClosedException.class);
            }
            assertThat(atServer.events.values())
                    .allSatisfy(list -> assertThat(list).last().isEqualTo("closed:PEER_CLOSED"));
            assertThat(atServer.violations).isEmpty();
            assertThat(atClient.violations).isEmpty();
            Stats stats = server.stats();
            assertThat(stats.established()).isEqualTo(sessions);
            assertThat(stats.closed()).isEqualTo(sessions);
            assertThat(stats.connections()).isZero();
        }
    }

    @Test
    void theBlockingSecureChannelTalksToTheServer() throws Exception {
        Recorder atServer = Recorder.echo().expectEnds(1);
        try (MarcomServer server = MarcomServer.builder(server(), atServer).bind(ANY_PORT)) {
            try (SecureChannel channel = SecureChannel.connect(
                    new Socket(
                            server.localAddress().getAddress(),
                            server.localAddress().getPort()),
                    client())) {
                for (int i = 1; i <= 3; i++) {
                    channel.send("hello " + i);
                    Optional<VerifiedMessage> echo = channel.receive();
                    assertThat(echo).map(VerifiedMessage::text).contains("echo: hello " + i);
                }
            }
            assertThat(atServer.awaitEnds(10)).isTrue();
            assertThat(atServer.events.values())
                    .singleElement()
                    .satisfies(list -> assertThat(list)
                            .containsExactly(
                                    "established",
                                    "message:hello 1",
                                    "message:hello 2",
                                    "message:hello 3",
                                    "closed:PEER_CLOSED"));
        }
    }

    @Test
    void theConnectorTalksToABlockingServer() throws Exception {
        try (java.net.ServerSocket listener = new java.net.ServerSocket(0, 50, InetAddress.getLoopbackAddress());
                MarcomConnector connector = MarcomConnector.open()) {
            CompletableFuture<Optional<String>> served = CompletableFuture.supplyAsync(() -> {
                try (SecureChannel ch = SecureChannel.accept(listener.accept(), server())) {
                    String got = ch.receive().orElseThrow().text();
                    ch.send("re: " + got);
                    return ch.receive().map(VerifiedMessage::text);
                } catch (Exception e) {
                    throw new java.util.concurrent.CompletionException(e);
                }
            });
            Recorder atClient = new Recorder().expectEnds(1);
            Connection c = connector
                    .connect(
                            new InetSocketAddress(InetAddress.getLoopbackAddress(), listener.getLocalPort()),
                            client(),
                            atClient)
                    .get(20, TimeUnit.SECONDS);
            assertThat(c.peer()).contains(TestIdentities.BOB.publicIdentity());
            c.send("hi");
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (atClient.messages.getOrDefault(c, List.of()).isEmpty()) {
                assertThat(System.nanoTime()).isLessThan(deadline);
                Thread.sleep(5);
            }
            assertThat(atClient.messages.get(c).get(0).text()).isEqualTo("re: hi");
            c.close();
            assertThat(served.get(20, TimeUnit.SECONDS)).isEmpty(); // the blocking side saw close_notify
            assertThat(atClient.awaitEnds(10)).isTrue();
            assertThat(atClient.of(c)).containsExactly("established", "message:re: hi", "closed:CLOSED_LOCALLY");
        }
    }
}
