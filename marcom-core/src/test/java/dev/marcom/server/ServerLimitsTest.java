package dev.marcom.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.marcom.transport.ConnectionLostException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@link Limits}: connections, connections per address, handshakes in flight on the connector. */
@Timeout(60)
class ServerLimitsTest {

    private static InetSocketAddress from(String ip) throws Exception {
        return new InetSocketAddress(InetAddress.getByName(ip), 0);
    }

    @Test
    void connectionsBeyondMaxConnectionsAreClosedAtOnce() throws Exception {
        Limits limits = Limits.builder().maxConnections(3).build();
        try (MarcomServer server = MarcomServer.builder(MarcomServerTest.server(), Recorder.echo())
                        .limits(limits)
                        .bind(MarcomServerTest.ANY_PORT);
                MarcomConnector connector = MarcomConnector.open()) {
            List<Connection> held = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                held.add(connector
                        .connect(server.localAddress(), MarcomServerTest.client(), new Recorder())
                        .get(10, TimeUnit.SECONDS));
            }
            CompletableFuture<Connection> fourth =
                    connector.connect(server.localAddress(), MarcomServerTest.client(), new Recorder());
            assertThatThrownBy(() -> fourth.get(10, TimeUnit.SECONDS))
                    .cause()
                    .isInstanceOf(ConnectionLostException.class);
            assertThat(server.stats().rejected()).isEqualTo(1);
            held.get(0).close();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (server.stats().connections() > 2) {
                assertThat(System.nanoTime()).isLessThan(deadline);
                Thread.sleep(5);
            }
            assertThat(connector
                            .connect(server.localAddress(), MarcomServerTest.client(), new Recorder())
                            .get(10, TimeUnit.SECONDS)
                            .isOpen())
                    .isTrue();
        }
    }

    @Test
    void oneAddressGetsAtMostMaxConnectionsPerAddress() throws Exception {
        Limits limits = Limits.builder().maxConnectionsPerAddress(2).build();
        try (MarcomServer server = MarcomServer.builder(MarcomServerTest.server(), Recorder.echo())
                        .limits(limits)
                        .bind(MarcomServerTest.ANY_PORT);
                MarcomConnector connector = MarcomConnector.open()) {
            for (int i = 0; i < 2; i++) {
                connector
                        .connect(server.localAddress(), from("127.0.0.1"), MarcomServerTest.client(), new Recorder())
                        .get(10, TimeUnit.SECONDS);
            }
            assertThatThrownBy(() -> connector
                            .connect(
                                    server.localAddress(), from("127.0.0.1"), MarcomServerTest.client(), new Recorder())
                            .get(10, TimeUnit.SECONDS))
                    .cause()
                    .isInstanceOf(ConnectionLostException.class);
            Connection other = connector
                    .connect(server.localAddress(), from("127.0.0.2"), MarcomServerTest.client(), new Recorder())
                    .get(10, TimeUnit.SECONDS);
            assertThat(other.isOpen()).isTrue();
            assertThat(server.stats().connections()).isEqualTo(3);
        }
    }

    @Test
    void theConnectorRefusesBeyondItsHandshakeLimitWithATypedError() throws Exception {
        Limits limits = Limits.builder().maxHandshakes(1).build();
        try (MarcomServer server = MarcomServer.builder(MarcomServerTest.server(), Recorder.echo())
                        .bind(MarcomServerTest.ANY_PORT);
                MarcomConnector connector = MarcomConnector.open(limits)) {
            CompletableFuture<Connection> first =
                    connector.connect(server.localAddress(), MarcomServerTest.client(), new Recorder());
            CompletableFuture<Connection> second =
                    connector.connect(server.localAddress(), MarcomServerTest.client(), new Recorder());
            assertThatThrownBy(() -> second.get(1, TimeUnit.SECONDS)).cause().isInstanceOf(OverloadedException.class);
            assertThat(first.get(10, TimeUnit.SECONDS).isOpen()).isTrue();
        }
    }
}
