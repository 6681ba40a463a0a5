package dev.marcom.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.marcom.identity.TrustPolicy;
import dev.marcom.internal.crypto.Sha256;
import dev.marcom.session.SessionConfig;
import dev.marcom.testing.TestIdentities;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(60)
class SecureChannelStreamTest {
    private static final SessionConfig CLIENT =
            SessionConfig.builder(TestIdentities.ALICE, TrustPolicy.acceptAny()).build();
    private static final SessionConfig SERVER =
            SessionConfig.builder(TestIdentities.BOB, TrustPolicy.acceptAny()).build();

    private static SecureChannel[] connect() throws Exception {
        InMemoryFrameChannel.Pair p = InMemoryFrameChannel.pair();
        CompletableFuture<SecureChannel> server = CompletableFuture.supplyAsync(() -> {
            try {
                return SecureChannel.accept(p.server(), SERVER);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        SecureChannel client = SecureChannel.connect(p.client(), CLIENT);
        return new SecureChannel[] {client, server.get()};
    }

    @Test
    void largeStreamArrivesVerifiedWithoutBuffering() throws Exception {
        SecureChannel[] c = connect();
        int size = 8 * 1024 * 1024 + 123;
        byte[] data = new byte[size];
        new SecureRandom().nextBytes(data);
        AtomicLong progress = new AtomicLong();
        CompletableFuture<Void> sender = CompletableFuture.runAsync(() -> {
            try {
                c[0].sendStream("big.bin", size, new ByteArrayInputStream(data), progress::set);
                c[0].send("done");
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        Delivery d = c[1].next();
        assertThat(d).isInstanceOf(Delivery.Stream.class);
        InboundStream in = ((Delivery.Stream) d).stream();
        assertThat(in.name()).isEqualTo("big.bin");
        assertThat(in.announcedLength()).isEqualTo(size);
        MessageDigest md = Sha256.newDigest();
        byte[] buf = new byte[10_000];
        int n;
        assertThatThrownBy(in::verified).isInstanceOf(IllegalStateException.class);
        while ((n = in.read(buf)) >= 0) {
            md.update(buf, 0, n);
        }
        assertThat(in.verified().sha256().toByteArray()).isEqualTo(md.digest()).isEqualTo(Sha256.hash(data));
        assertThat(c[1].receive().orElseThrow().text()).isEqualTo("done");
        sender.get();
        assertThat(progress.get()).isEqualTo(size);
        c[0].close();
        assertThat(c[1].next()).isInstanceOf(Delivery.Closed.class);
        c[1].close();
    }

    @Test
    void cutStreamNeverReportsEnd() throws Exception {
        SecureChannel[] c = connect();
        // Byte by byte on purpose: the simplest source that fails midway; speed does not matter.
        @SuppressWarnings("InputStreamSlowMultibyteRead")
        InputStream failing = new InputStream() {
            int left = 100_000;

            @Override
            public int read() throws java.io.IOException {
                if (left-- > 0) {
                    return 7;
                }
                throw new java.io.IOException("disk error");
            }
        };
        CompletableFuture<Void> sender = CompletableFuture.runAsync(() -> {
            try {
                c[0].sendStream("partial.bin", -1, failing, x -> {});
            } catch (Exception e) {
                // expected: the source failed and the channel was cut
            }
        });
        InboundStream in = ((Delivery.Stream) c[1].next()).stream();
        byte[] buf = new byte[4096];
        assertThatThrownBy(() -> {
                    while (in.read(buf) >= 0) {
                        // keep reading
                    }
                })
                .isInstanceOf(ConnectionLostException.class);
        assertThat(in.isVerified()).isFalse();
        sender.get();
    }

    @Test
    void unfinishedStreamIsDrainedBeforeTheNextMessage() throws Exception {
        SecureChannel[] c = connect();
        c[0].sendStream("skip.bin", 3, new ByteArrayInputStream(new byte[] {1, 2, 3}), x -> {});
        c[0].send("next");
        assertThat(c[1].next()).isInstanceOf(Delivery.Stream.class);
        Delivery d = c[1].next();
        assertThat(((Delivery.Message) d).message().text()).isEqualTo("next");
        assertThat(((Delivery.Message) d).message().sequence()).isEqualTo(1);
    }
}
