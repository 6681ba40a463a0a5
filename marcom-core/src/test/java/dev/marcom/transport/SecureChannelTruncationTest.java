package dev.marcom.transport;

import static org.assertj.core.api.Assertions.assertThat;

import dev.marcom.CipherSuite;
import dev.marcom.MalformedInputException;
import dev.marcom.SignatureAlgorithm;
import dev.marcom.internal.wire.FrameType;
import dev.marcom.session.SessionConfig;
import dev.marcom.session.VerifiedMessage;
import dev.marcom.testing.Choices;
import dev.marcom.testing.Fixtures;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Property 4, truncation through a real transport: an attacker between a {@link SecureChannel}
 * client and server lets the handshake and the first N records through, then cuts the connection
 * (N chosen per case, anywhere up to and including close_notify). The server receives exactly the
 * messages whose records all arrived, then {@link ConnectionLostException}; only when close_notify
 * itself got through does it see a clean end.
 */
class SecureChannelTruncationTest {
    private static ExecutorService clientThread;

    @BeforeAll
    static void startClientThread() {
        clientThread = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "truncation-test-client");
            t.setDaemon(true);
            return t;
        });
    }

    @AfterAll
    static void stopClientThread() {
        clientThread.shutdownNow();
    }

    static LongStream cases() {
        return LongStream.range(0, 100);
    }

    @ParameterizedTest(name = "case {0}")
    @MethodSource("cases")
    @Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void cutAfterAnyRecord(long seed) throws Exception {
        SplittableRandom r = new SplittableRandom(seed);
        int recordBytes = r.nextBoolean() ? 256 : 4096;
        long keyUpdate = r.nextBoolean() ? 3 : SessionConfig.DEFAULT_KEY_UPDATE_RECORDS;
        // Every suite, each side signing with its paired algorithm or (one case in four) another.
        CipherSuite[] suites = CipherSuite.values();
        CipherSuite suite = suites[(int) (seed % suites.length)];
        SignatureAlgorithm[] algorithms = SignatureAlgorithm.values();
        SignatureAlgorithm clientAlgorithm =
                r.nextInt(4) == 0 ? algorithms[r.nextInt(algorithms.length)] : suite.pairedSignature();
        SignatureAlgorithm serverAlgorithm =
                r.nextInt(4) == 0 ? algorithms[r.nextInt(algorithms.length)] : suite.pairedSignature();
        SessionConfig client = Fixtures.client(seed, clientAlgorithm)
                .suites(suite)
                .recordContentBytes(recordBytes)
                .keyUpdateAfterRecords(keyUpdate)
                .build();
        SessionConfig server =
                Fixtures.server(seed, serverAlgorithm).suites(suite).build();
        int messages = r.nextInt(1, 5);
        List<byte[]> payloads = new ArrayList<>();
        int approxRecords = 1;
        for (int i = 0; i < messages; i++) {
            int size = r.nextInt(0, r.nextBoolean() ? 300 : 3000);
            payloads.add(Choices.filler(r.nextLong(), size));
            approxRecords += (size + 80) / recordBytes + 1;
        }
        int budget = r.nextInt(0, approxRecords + 2);

        InMemoryFrameChannel.Pair wire = InMemoryFrameChannel.pair();
        Cutter cutter = new Cutter(wire.client(), budget);
        Future<SecureChannel> connecting = clientThread.submit(() -> SecureChannel.connect(cutter, client));
        SecureChannel serverSide = SecureChannel.accept(wire.server(), server);
        SecureChannel clientSide = connecting.get(30, TimeUnit.SECONDS);
        Future<?> sending = clientThread.submit(() -> {
            try {
                for (byte[] p : payloads) {
                    clientSide.send(p);
                }
            } finally {
                clientSide.close(); // even if send failed, so the server is never left waiting
            }
            return null;
        });

        List<VerifiedMessage> got = new ArrayList<>();
        Exception end = null;
        boolean clean = false;
        try {
            while (true) {
                Optional<VerifiedMessage> m = serverSide.receive();
                if (m.isEmpty()) {
                    clean = true;
                    break;
                }
                got.add(m.get());
            }
        } catch (Exception e) {
            end = e;
        }
        sending.get(30, TimeUnit.SECONDS);
        serverSide.close();

        String what = suite.suiteName() + ", signers " + clientAlgorithm.shortName() + "/" + serverAlgorithm.shortName()
                + ", budget " + budget + " records, writes " + cutter.writes + " (seed " + seed + ")";
        int complete = cutter.completeMessageWrites();
        boolean closeNotifyPassed = cutter.lastWriteComplete();
        assertThat(got).as("messages delivered, " + what).hasSize(complete);
        for (int i = 0; i < got.size(); i++) {
            assertThat(got.get(i).plaintext()).isEqualTo(payloads.get(i));
            assertThat(got.get(i).sequence()).isEqualTo(i + 1);
        }
        if (closeNotifyPassed) {
            assertThat(clean).as("clean close, " + what).isTrue();
            assertThat(complete).isEqualTo(messages);
        } else {
            assertThat(clean).as("no clean close, " + what).isFalse();
            assertThat(end).as("end of a truncated stream, " + what).isInstanceOf(ConnectionLostException.class);
        }
    }

    /**
     * The attacker: forwards handshake frames, then the first {@code budget} record frames, then
     * closes the connection to the server and swallows whatever the client still writes.
     */
    private static final class Cutter implements FrameChannel {
        private final FrameChannel inner;
        private final int budget;
        private int forwarded;
        private boolean cut;
        /** Record frames per write (one write per message, then one for close_notify) and passed. */
        final List<int[]> writes = new ArrayList<>() {
            @Override
            public String toString() {
                return stream().map(Arrays::toString).toList().toString();
            }
        };

        Cutter(FrameChannel inner, int budget) {
            this.inner = inner;
            this.budget = budget;
        }

        @Override
        public byte[] readFrame() throws IOException, MalformedInputException {
            return inner.readFrame();
        }

        @Override
        public synchronized void write(byte[] frames) throws IOException {
            List<byte[]> split = Fixtures.split(frames);
            if (split.get(0)[0] != (byte) FrameType.RECORD.code()) {
                inner.write(frames); // handshake
                return;
            }
            int passed = 0;
            for (byte[] f : split) {
                if (forwarded < budget && !cut) {
                    inner.write(f);
                    forwarded++;
                    passed++;
                } else if (!cut) {
                    cut = true;
                    inner.close();
                }
            }
            writes.add(new int[] {split.size(), passed});
        }

        int completeMessageWrites() {
            int n = 0;
            for (int i = 0; i < writes.size() - 1; i++) { // the last write is close_notify
                if (writes.get(i)[0] == writes.get(i)[1]) {
                    n++;
                }
            }
            return n;
        }

        boolean lastWriteComplete() {
            int[] last = writes.get(writes.size() - 1);
            return last[0] == last[1];
        }

        @Override
        public void close() throws IOException {
            inner.close();
        }
    }
}
