package dev.marcom.transport;

import static dev.marcom.testing.TestIdentities.ALICE;
import static dev.marcom.testing.TestIdentities.BOB;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.marcom.HandshakeTimeoutException;
import dev.marcom.MalformedInputException;
import dev.marcom.SessionClosedException;
import dev.marcom.identity.TrustPolicy;
import dev.marcom.session.SessionConfig;
import java.net.Socket;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * How sessions end over real transports: close_notify is a clean end, a cut transport is
 * {@link ConnectionLostException}, garbage on the wire is {@link MalformedInputException}, and a
 * silent peer runs into the handshake timeout. {@code assertTimeoutPreemptively} only guards
 * against hangs; it is not a speed assertion.
 */
@Timeout(60)
class TransportFailureTest {
    private static final Duration GUARD = Duration.ofSeconds(15);
    private final Links links = new Links();

    @AfterEach
    void closeAll() {
        links.close();
    }

    private static SessionConfig.Builder alice() {
        return SessionConfig.builder(ALICE, TrustPolicy.pinned(BOB.fingerprint()))
                .handshakeTimeout(Duration.ofSeconds(20));
    }

    private static SessionConfig.Builder bob() {
        return SessionConfig.builder(BOB, TrustPolicy.pinned(ALICE.fingerprint()))
                .handshakeTimeout(Duration.ofSeconds(20));
    }

    private Links.Link connect(Links.Kind kind) throws Exception {
        return links.connect(kind, alice().build(), bob().build());
    }

    @ParameterizedTest
    @EnumSource(Links.Kind.class)
    void closeNotifyIsACleanEnd(Links.Kind kind) throws Exception {
        Links.Link link = connect(kind);
        link.client.send("bye");
        link.client.close();
        assertTimeoutPreemptively(GUARD, () -> {
            assertThat(link.server.receive()).get().extracting(m -> m.text()).isEqualTo("bye");
            assertThat(link.server.receive()).isEqualTo(Optional.empty());
        });
        assertThatThrownBy(() -> link.client.send("after close")).isInstanceOf(SessionClosedException.class);
        assertThatThrownBy(() -> link.client.receive()).isInstanceOf(SessionClosedException.class);
        link.client.close(); // idempotent
        link.server.close();
    }

    @ParameterizedTest
    @EnumSource(Links.Kind.class)
    void transportCutWithoutCloseNotifyIsConnectionLost(Links.Kind kind) throws Exception {
        Links.Link link = connect(kind);
        link.client.send("delivered before the cut");
        link.rawClient.close(); // the transport ends, but no close_notify was sent
        assertTimeoutPreemptively(GUARD, () -> {
            assertThat(link.server.receive()).get().extracting(m -> m.text()).isEqualTo("delivered before the cut");
            assertThatThrownBy(link.server::receive).isInstanceOf(ConnectionLostException.class);
        });
    }

    @ParameterizedTest
    @EnumSource(
            value = Links.Kind.class,
            names = {"SOCKET", "NIO"})
    void transportCutInsideAFrameIsConnectionLost(Links.Kind kind) throws Exception {
        Links.Link link = connect(kind);
        // A real record, of which only the first half reaches the server.
        byte[] frames = link.client.session().seal("never complete");
        link.writeRawFromClient(Arrays.copyOf(frames, frames.length / 2));
        link.rawClient.close();
        assertTimeoutPreemptively(
                GUARD, () -> assertThatThrownBy(link.server::receive).isInstanceOf(ConnectionLostException.class));
    }

    @ParameterizedTest
    @EnumSource(
            value = Links.Kind.class,
            names = {"SOCKET", "NIO"})
    void garbageOnTheWireIsMalformedAndEndsTheSession(Links.Kind kind) throws Exception {
        for (byte[] header : new byte[][] {
            {0x55, 0, 0, 0, 1, 0}, // unknown frame type
            {0x17, 0x7f, (byte) 0xff, (byte) 0xff, (byte) 0xff}
        }) { // 2 GiB record: refused unread
            Links.Link link = connect(kind);
            link.writeRawFromClient(header);
            assertTimeoutPreemptively(
                    GUARD, () -> assertThatThrownBy(link.server::receive).isInstanceOf(MalformedInputException.class));
            assertThatThrownBy(() -> link.server.send("x")).isInstanceOf(SessionClosedException.class);
        }
    }

    // ---- handshake timeout ----------------------------------------------------------------------

    private static void assertTimesOut(ThrowingHandshake handshake) {
        long start = System.nanoTime();
        assertTimeoutPreemptively(
                GUARD, () -> assertThatThrownBy(handshake::run).isInstanceOf(HandshakeTimeoutException.class));
        long ms = (System.nanoTime() - start) / 1_000_000;
        assertThat(ms).as("elapsed ms").isGreaterThanOrEqualTo(250).isLessThan(2000);
    }

    @FunctionalInterface
    private interface ThrowingHandshake {
        void run() throws Exception;
    }

    private static SessionConfig impatient(SessionConfig.Builder b) {
        return b.handshakeTimeout(Duration.ofMillis(300)).build();
    }

    @ParameterizedTest
    @EnumSource(Links.Kind.class)
    void clientTimesOutAgainstASilentServer(Links.Kind kind) throws Exception {
        Links.Link link = links.raw(kind);
        assertTimesOut(() -> Links.clientSide(link, impatient(alice())));
        if (kind == Links.Kind.SOCKET) {
            assertThat(((Socket) link.rawClient).isClosed())
                    .as("transport closed")
                    .isTrue();
        }
    }

    @ParameterizedTest
    @EnumSource(Links.Kind.class)
    void serverTimesOutAgainstASilentClient(Links.Kind kind) throws Exception {
        Links.Link link = links.raw(kind);
        assertTimesOut(() -> Links.serverSide(link, impatient(bob())));
        if (kind == Links.Kind.SOCKET) {
            assertThat(((Socket) link.rawServer).isClosed())
                    .as("transport closed")
                    .isTrue();
        }
    }

    @Test
    void peerHangingUpDuringTheHandshakeIsConnectionLost() throws Exception {
        Links.Link link = links.raw(Links.Kind.SOCKET);
        link.rawServer.close();
        assertTimeoutPreemptively(
                GUARD,
                () -> assertThatThrownBy(() -> Links.clientSide(link, alice().build()))
                        .isInstanceOf(java.io.IOException.class)
                        .isNotInstanceOf(HandshakeTimeoutException.class));
    }
}
