package dev.marcom.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.marcom.MalformedInputException;
import dev.marcom.identity.Identity;
import dev.marcom.identity.TrustPolicy;
import dev.marcom.session.SessionConfig;
import dev.marcom.transport.Delivery;
import dev.marcom.transport.FrameChannel;
import dev.marcom.transport.InMemoryFrameChannel;
import dev.marcom.transport.SecureChannel;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(60)
class PeerSessionTest {
    @TempDir
    Path dir;

    /**
     * The side that closes must report {@code local-closed} even when the peer's answering
     * close_notify is read before its own transport is closed (a scheduling race in real use, made
     * certain here by holding the transport open until the session has ended).
     */
    @Test
    @SuppressWarnings("FutureReturnValueIgnored") // whenComplete's future: the callback cannot fail
    void aSessionClosedHereIsLocalClosedEvenIfThePeersCloseNotifyArrivesFirst() throws Exception {
        SecureRandom random = new SecureRandom();
        InMemoryFrameChannel.Pair pair = InMemoryFrameChannel.pair();
        CompletableFuture<CloseReason> ended = new CompletableFuture<>();
        FrameChannel slowToClose = new FrameChannel() {
            @Override
            public byte[] readFrame() throws IOException, MalformedInputException {
                return pair.client().readFrame();
            }

            @Override
            public void write(byte[] frames) throws IOException {
                pair.client().write(frames);
            }

            @Override
            public void close() throws IOException {
                try {
                    ended.get(5, TimeUnit.SECONDS); // let the reader see the peer's close_notify first
                } catch (Exception timedOut) {
                    // with the fix the session ends only once the transport closes
                }
                pair.client().close();
            }
        };
        SessionConfig serverConfig = SessionConfig.builder(Identity.generate(random), TrustPolicy.acceptAny())
                .random(random)
                .build();
        CompletableFuture<SecureChannel> server = CompletableFuture.supplyAsync(() -> {
            try {
                return SecureChannel.accept(pair.server(), serverConfig);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        SecureChannel client = SecureChannel.connect(
                slowToClose,
                SessionConfig.builder(Identity.generate(random), TrustPolicy.acceptAny())
                        .random(random)
                        .build());
        SecureChannel serverChannel = server.get(30, TimeUnit.SECONDS);
        // The peer answers close_notify with its own, as PeerSession does.
        CompletableFuture<Void> peer = CompletableFuture.runAsync(() -> {
            try {
                assertThat(serverChannel.next()).isInstanceOf(Delivery.Closed.class);
                serverChannel.close();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });

        StringWriter out = new StringWriter();
        Terminal terminal = new Terminal(
                new PrintWriter(out, true), new PrintWriter(new StringWriter(), true), true, Style.plain(), false);
        PeerSession session = new PeerSession(client, terminal, dir, new ReceiveLimits(1L << 30, 1L << 30), m -> {});
        session.ended().whenComplete((r, e) -> ended.complete(r));
        session.start();
        session.close();

        assertThat(session.ended().get(30, TimeUnit.SECONDS)).isEqualTo(CloseReason.LOCAL_CLOSED);
        assertThat(out.toString()).contains("\"reason\":\"local-closed\"");
        peer.get(30, TimeUnit.SECONDS);
    }
}
