package dev.marcom.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.marcom.SessionClosedException;
import dev.marcom.identity.TrustPolicy;
import dev.marcom.session.SessionConfig;
import dev.marcom.testing.RecordingTraceListener;
import dev.marcom.testing.TestIdentities;
import dev.marcom.trace.TraceEvent;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Secrets on every path out of the blocking adapter: a handshake abandoned by a transport
 * failure erases its secrets, and a closed channel keeps no traffic key in either direction.
 */
@Timeout(60)
class ErasureTest {

    @Test
    void aHandshakeCutByTheTransportIsAbandonedAndErased() throws Exception {
        RecordingTraceListener trace = new RecordingTraceListener();
        InMemoryFrameChannel.Pair pair = InMemoryFrameChannel.pair();
        CompletableFuture<Void> server = CompletableFuture.runAsync(() -> {
            try {
                pair.server().readFrame(); // the ClientHello, then hang up
                pair.server().close();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        assertThatThrownBy(() -> SecureChannel.connect(
                        pair.client(),
                        SessionConfig.builder(TestIdentities.ALICE, TrustPolicy.acceptAny())
                                .trace(trace)
                                .build()))
                .isInstanceOf(ConnectionLostException.class);
        server.get(10, TimeUnit.SECONDS);
        assertThat(trace.of(TraceEvent.Failure.class))
                .singleElement()
                .satisfies(f -> assertThat(f.reason()).startsWith("handshake abandoned: peer closed the connection"));
    }

    @Test
    void aClosedChannelKeepsNoTrafficKeyInEitherDirection() throws Exception {
        try (Links links = new Links()) {
            Links.Link link = links.connect(
                    Links.Kind.IN_MEMORY,
                    SessionConfig.builder(TestIdentities.ALICE, TrustPolicy.acceptAny())
                            .build(),
                    SessionConfig.builder(TestIdentities.BOB, TrustPolicy.acceptAny())
                            .build());
            link.client.send("hello");
            assertThat(link.server.receive().orElseThrow().text()).isEqualTo("hello");
            assertThat(link.client.session().isErased()).isFalse();
            link.client.close(); // close_notify sent; the peer's has not arrived
            assertThat(link.client.session().isErased())
                    .as("client keys after close")
                    .isTrue();
            assertThatThrownBy(link.client::receive).isInstanceOf(SessionClosedException.class);
            assertThat(link.server.receive()).isEmpty();
            link.server.close();
            assertThat(link.server.session().isErased())
                    .as("server keys after close")
                    .isTrue();
        }
    }

    @Test
    void aKeyUpdateErasesThePreviousGeneration() throws Exception {
        var cipher = new dev.marcom.internal.record.RecordCipher(new byte[32]);
        assertThat(cipher.holdsKeys()).isTrue();
        cipher.update();
        assertThat(cipher.holdsKeys()).isTrue();
        assertThat(cipher.generation()).isEqualTo(1);
        cipher.erase();
        assertThat(cipher.holdsKeys()).isFalse();
    }
}
