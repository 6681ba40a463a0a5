package dev.marcom.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.marcom.SessionClosedException;
import dev.marcom.identity.TrustPolicy;
import dev.marcom.session.SessionConfig;
import dev.marcom.testing.RecordingTraceListener;
import dev.marcom.testing.TestIdentities;
import dev.marcom.trace.TraceEvent;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Keep-alive and idle timeout: a quiet but healthy session survives, a peer that stops answering
 * is given up in bounded time with a typed exception, and a caller's own socket read timeout
 * leaves the session intact.
 */
@Timeout(60)
class LivenessTest {
    private static SessionConfig.Builder alice() {
        return SessionConfig.builder(TestIdentities.ALICE, TrustPolicy.acceptAny());
    }

    private static SessionConfig.Builder bob() {
        return SessionConfig.builder(TestIdentities.BOB, TrustPolicy.acceptAny());
    }

    private static SessionConfig fast(SessionConfig.Builder b) {
        return b.keepAliveInterval(Duration.ofMillis(40))
                .idleTimeout(Duration.ofMillis(400))
                .build();
    }

    @Test
    void aQuietHealthySessionOutlivesManyIdleTimeouts() throws Exception {
        RecordingTraceListener trace = new RecordingTraceListener();
        try (Links links = new Links()) {
            Links.Link link = links.connect(
                    Links.Kind.SOCKET,
                    alice().trace(trace)
                            .keepAliveInterval(Duration.ofMillis(40))
                            .idleTimeout(Duration.ofMillis(400))
                            .build(),
                    fast(bob()));
            Future<Optional<String>> atServer =
                    links.pool.submit(() -> link.server.receive().map(m -> m.text()));
            Future<Optional<String>> atClient =
                    links.pool.submit(() -> link.client.receive().map(m -> m.text()));
            Thread.sleep(2_000); // five idle timeouts of silence from the applications
            assertThat(atServer.isDone())
                    .as("the server's receive is still waiting")
                    .isFalse();
            link.client.send("still there?");
            assertThat(atServer.get(10, TimeUnit.SECONDS)).contains("still there?");
            link.server.close();
            assertThat(atClient.get(10, TimeUnit.SECONDS)).isEmpty();
        }
        assertThat(trace.events()).anySatisfy(e -> assertThat(e).isEqualTo(new TraceEvent.KeepAlive(true, true)));
    }

    @Test
    void aPeerWithoutKeepAliveIsKeptAliveByOurProbes() throws Exception {
        try (Links links = new Links()) {
            Links.Link link = links.connect(
                    Links.Kind.IN_MEMORY,
                    fast(alice()),
                    bob().keepAliveInterval(Duration.ZERO)
                            .idleTimeout(Duration.ZERO)
                            .build());
            Future<Optional<String>> atServer =
                    links.pool.submit(() -> link.server.receive().map(m -> m.text()));
            Future<Optional<String>> atClient =
                    links.pool.submit(() -> link.client.receive().map(m -> m.text()));
            Thread.sleep(1_500);
            assertThat(atClient.isDone())
                    .as("pongs kept the client's receive alive")
                    .isFalse();
            link.server.send("pong is automatic");
            assertThat(atClient.get(10, TimeUnit.SECONDS)).contains("pong is automatic");
            link.client.close();
            assertThat(atServer.get(10, TimeUnit.SECONDS)).isEmpty();
        }
    }

    @Test
    void aFrozenPeerIsGivenUpWithATypedTimeout() throws Exception {
        for (Links.Kind kind : Links.Kind.values()) {
            try (Links links = new Links()) {
                // The server neither reads nor sends after the handshake: frozen.
                Links.Link link = links.connect(
                        kind,
                        fast(alice()),
                        bob().keepAliveInterval(Duration.ZERO)
                                .idleTimeout(Duration.ZERO)
                                .build());
                long start = System.nanoTime();
                assertThatThrownBy(link.client::receive)
                        .as(kind.name())
                        .isInstanceOf(IdleTimeoutException.class)
                        .hasMessage("no data from the peer for 400 ms (idle timeout); connection closed");
                assertThat(Duration.ofNanos(System.nanoTime() - start))
                        .as("given up in bounded time")
                        .isLessThan(Duration.ofSeconds(10));
                assertThatThrownBy(() -> link.client.send("too late")).isInstanceOf(SessionClosedException.class);
            }
        }
    }

    @Test
    void aSocketReadTimeoutLeavesTheSessionIntact() throws Exception {
        try (Links links = new Links()) {
            Links.Link link = links.connect(Links.Kind.SOCKET, alice().build(), bob().build());
            ((java.net.Socket) link.rawServer).setSoTimeout(100);
            assertThatThrownBy(link.server::receive).isInstanceOf(SocketTimeoutException.class);
            assertThatThrownBy(link.server::receive).isInstanceOf(SocketTimeoutException.class);
            link.client.send("after two timeouts");
            ((java.net.Socket) link.rawServer).setSoTimeout(0);
            assertThat(link.server.receive().orElseThrow().text()).isEqualTo("after two timeouts");
        }
    }

    @Test
    void aTimeoutInsideAFrameKeepsThePartialFrame() throws Exception {
        byte[] frame = {0x04, 0, 0, 0, 3, 7, 8, 9}; // SERVER_FINISHED header with a 3-byte body
        byte[] bytes = dev.marcom.internal.wire.Preface.prepend(frame);
        InputStream stalls = new InputStream() {
            private final InputStream in = new ByteArrayInputStream(bytes);
            private int reads;

            @Override
            public int read() throws IOException {
                throw new AssertionError("single-byte reads are not used");
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                // Deliver three bytes at a time and time out every other call.
                if (reads++ % 2 == 1) {
                    throw new SocketTimeoutException("Read timed out");
                }
                return in.read(b, off, Math.min(len, 3));
            }
        };
        StreamFrameChannel channel = StreamFrameChannel.of(stalls, OutputStream.nullOutputStream());
        byte[] got = null;
        int timeouts = 0;
        while (got == null) {
            try {
                got = channel.readFrame();
            } catch (SocketTimeoutException e) {
                timeouts++;
            }
        }
        assertThat(got).isEqualTo(frame);
        assertThat(timeouts).isGreaterThan(1);
        while (true) {
            try {
                assertThat(channel.readFrame()).as("then a clean end").isNull();
                break;
            } catch (SocketTimeoutException e) {
                // the stalling stream times out once more
            }
        }
    }

    @Test
    void theIdleTimeoutMustExceedTheKeepAliveInterval() {
        assertThatThrownBy(() -> alice().keepAliveInterval(Duration.ofSeconds(5))
                        .idleTimeout(Duration.ofSeconds(5))
                        .build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("must be longer than the keep-alive interval");
        assertThatThrownBy(() -> alice().idleTimeout(Duration.ofMillis(-1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(alice().keepAliveInterval(Duration.ZERO)
                        .idleTimeout(Duration.ofMillis(10))
                        .build()
                        .idleTimeout())
                .isEqualTo(Duration.ofMillis(10));
        assertThat(alice().build().keepAliveInterval()).isEqualTo(Duration.ofSeconds(15));
        assertThat(alice().build().idleTimeout()).isEqualTo(Duration.ofSeconds(60));
    }
}
