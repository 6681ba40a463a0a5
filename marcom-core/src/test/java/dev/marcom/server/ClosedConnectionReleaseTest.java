package dev.marcom.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.marcom.identity.PeerIdentity;
import dev.marcom.session.VerifiedMessage;
import dev.marcom.transport.SecureChannel;
import java.lang.ref.WeakReference;
import java.net.Socket;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A connection the server has closed is released at once, even when nothing else happens on the
 * server afterwards: the event loop is woken to deregister the channel (a closed channel's key
 * stays in the selector, with the connection attached and the socket's descriptor held open,
 * until the next selection operation — which, on an idle server, may never come).
 */
@Timeout(60)
class ClosedConnectionReleaseTest {

    @Test
    void aClosedConnectionIsReleasedWithoutFurtherTraffic() throws Exception {
        CompletableFuture<WeakReference<Connection>> seen = new CompletableFuture<>();
        SessionHandler handler = new SessionHandler() {
            @Override
            public void established(Connection connection, PeerIdentity peer) {
                seen.complete(new WeakReference<>(connection));
            }

            @Override
            public void message(Connection connection, VerifiedMessage message) {}
        };
        try (MarcomServer server =
                MarcomServer.builder(MarcomServerTest.server(), handler).bind(MarcomServerTest.ANY_PORT)) {
            try (Socket socket = new Socket(
                            server.localAddress().getAddress(),
                            server.localAddress().getPort());
                    SecureChannel channel = SecureChannel.connect(socket, MarcomServerTest.client())) {
                channel.send("one message, then a clean close");
            }
            WeakReference<Connection> ref = seen.get(30, TimeUnit.SECONDS);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (server.stats().connections() > 0) {
                assertThat(System.nanoTime())
                        .as("the server closes the connection")
                        .isLessThan(deadline);
                Thread.sleep(20);
            }
            // Nothing happens on the server from here on; the connection must still become garbage.
            deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (ref.get() != null && System.nanoTime() < deadline) {
                System.gc();
                Thread.sleep(50);
            }
            assertThat(ref.get()).as("the closed connection is released").isNull();
        }
    }
}
