package dev.marcom.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.marcom.transport.SecureChannel;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Slowloris, scaled down for the build (200 slow connections; marcom-bench's load harness runs
 * 1,000 with {@code --slowloris 1000}): connections that send a byte every second and never
 * finish a handshake must not keep legitimate clients from connecting and completing theirs
 * within 2 s — whether the server has room for every slow connection, or must evict the oldest
 * stalled handshakes to admit new ones.
 */
@Timeout(120)
class SlowlorisTest {
    private static final int SLOW = 200;
    private static final int LEGITIMATE = 8;
    private static final long LIMIT_NANOS = TimeUnit.SECONDS.toNanos(2);

    @ParameterizedTest(name = "maxHandshakes {0}")
    @ValueSource(ints = {1_000, 50})
    void slowConnectionsDoNotKeepLegitimateClientsOut(int maxHandshakes) throws Exception {
        Recorder atServer = Recorder.echo();
        Limits limits = Limits.builder().maxHandshakes(maxHandshakes).build();
        try (MarcomServer server = MarcomServer.builder(MarcomServerTest.server(), atServer)
                        .limits(limits)
                        .bind(MarcomServerTest.ANY_PORT);
                Slowloris slow = new Slowloris(server.localAddress(), SLOW, 1_000);
                MarcomConnector connector = MarcomConnector.open()) {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            int expectedHeld = Math.min(SLOW, maxHandshakes);
            while (server.stats().handshakes() < expectedHeld) {
                assertThat(System.nanoTime()).as("slow connections accepted").isLessThan(deadline);
                Thread.sleep(10);
            }
            Thread.sleep(1_500); // every slow connection has trickled a byte or two

            List<Long> took = new ArrayList<>();
            for (int i = 0; i < LEGITIMATE; i++) {
                long start = System.nanoTime();
                if (i % 2 == 0) {
                    Connection c = connector
                            .connect(server.localAddress(), MarcomServerTest.client(), new Recorder())
                            .get(10, TimeUnit.SECONDS);
                    took.add(System.nanoTime() - start);
                    c.close();
                } else {
                    try (SecureChannel c = SecureChannel.connect(
                            new Socket(
                                    server.localAddress().getAddress(),
                                    server.localAddress().getPort()),
                            MarcomServerTest.client())) {
                        took.add(System.nanoTime() - start);
                        c.send("hello");
                        assertThat(c.receive()).map(m -> m.text()).contains("echo: hello");
                    }
                }
            }
            assertThat(took)
                    .as("handshake times (ns) of legitimate clients")
                    .allSatisfy(t -> assertThat(t).isLessThan(LIMIT_NANOS));
            Stats stats = server.stats();
            assertThat(stats.established()).isEqualTo(LEGITIMATE);
            if (maxHandshakes >= SLOW) {
                assertThat(stats.evicted()).isZero();
                assertThat(slow.alive()).as("slow connections still held").isEqualTo(SLOW);
            } else {
                // Each slow newcomer beyond the limit replaced the oldest stalled one, and so did the
                // first legitimate client (the later ones found the place its finished handshake left).
                assertThat(stats.evicted()).isGreaterThanOrEqualTo(SLOW - maxHandshakes + 1);
                long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
                while (slow.alive() > maxHandshakes) {
                    assertThat(System.nanoTime())
                            .as("evicted connections were closed")
                            .isLessThan(until);
                    Thread.sleep(50);
                }
            }
            assertThat(atServer.violations).isEmpty();
        }
    }
}
