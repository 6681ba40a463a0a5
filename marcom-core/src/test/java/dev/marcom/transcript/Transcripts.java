package dev.marcom.transcript;

import dev.marcom.identity.Identity;
import dev.marcom.identity.TrustPolicy;
import dev.marcom.session.SessionConfig;
import dev.marcom.session.VerifiedMessage;
import dev.marcom.testing.TestIdentities;
import dev.marcom.transport.InMemoryFrameChannel;
import dev.marcom.transport.SecureChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;

/** Records real sessions into transcripts for the tests. */
final class Transcripts {
    static final SessionConfig CLIENT =
            SessionConfig.builder(TestIdentities.ALICE, TrustPolicy.acceptAny()).build();
    static final SessionConfig SERVER =
            SessionConfig.builder(TestIdentities.BOB, TrustPolicy.acceptAny()).build();

    /** Payloads of the scripted session, in order; {@code true} = client to server. */
    static final List<Object[]> SCRIPT = List.of(
            new Object[] {true, utf8("hello")},
            new Object[] {false, utf8("hi")},
            new Object[] {true, new byte[0]},
            new Object[] {
                true,
                utf8("h\u00e9llo \u2713 \ud834\udd1e \u2014 \"quoted\" \\ back\nslash"
                        + "\ttab\u0000nul\u007f\u2028 \u001f")
            },
            new Object[] {false, utf8("{\"kind\":\"end\",\"text\":\"inside\"}")},
            new Object[] {true, new byte[] {(byte) 0xff, 0, (byte) 0xc3, 0x28, (byte) 0xed, (byte) 0xa0, (byte) 0x80}},
            new Object[] {true, utf8("bye")});

    private Transcripts() {}

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** A clock that moves 1.5 s forward each time it is read. */
    static final class SteppingClock extends Clock {
        private final AtomicLong reads = new AtomicLong();
        private final Instant start;

        SteppingClock(Instant start) {
            this.start = start;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Instant instant() {
            return start.plusMillis(1500 * reads.getAndIncrement());
        }
    }

    /** Both transcripts of one session and the messages as each side saw them. */
    record Recorded(Path client, Path server, List<VerifiedMessage> clientSide, List<VerifiedMessage> serverSide) {}

    static SecureChannel[] connect() throws Exception {
        return connect(CLIENT, SERVER);
    }

    static SecureChannel[] connect(SessionConfig clientConfig, SessionConfig serverConfig) throws Exception {
        InMemoryFrameChannel.Pair p = InMemoryFrameChannel.pair();
        CompletableFuture<SecureChannel> server = CompletableFuture.supplyAsync(() -> {
            try {
                return SecureChannel.accept(p.server(), serverConfig);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        SecureChannel client = SecureChannel.connect(p.client(), clientConfig);
        return new SecureChannel[] {client, server.get()};
    }

    /**
     * Runs {@link #SCRIPT} over two {@link SecureChannel}s; each side appends what it sends and
     * receives to its own transcript in {@code dir}.
     */
    static Recorded record(Path dir) throws Exception {
        return record(dir, TestIdentities.ALICE, TestIdentities.BOB);
    }

    /** {@link #record(Path)} with {@code alice} as the client and {@code bob} as the server. */
    static Recorded record(Path dir, Identity alice, Identity bob) throws Exception {
        SecureChannel[] c = connect(
                SessionConfig.builder(alice, TrustPolicy.acceptAny()).build(),
                SessionConfig.builder(bob, TrustPolicy.acceptAny()).build());
        Path clientFile = dir.resolve("client.jsonl");
        Path serverFile = dir.resolve("server.jsonl");
        List<VerifiedMessage> clientSide = new ArrayList<>();
        List<VerifiedMessage> serverSide = new ArrayList<>();
        try (TranscriptWriter cw = TranscriptWriter.builder(clientFile, alice)
                        .clock(new SteppingClock(Instant.parse("2026-11-25T20:00:00Z")))
                        .open();
                TranscriptWriter sw = TranscriptWriter.builder(serverFile, bob)
                        .clock(new SteppingClock(Instant.parse("2026-11-25T20:00:00.250Z")))
                        .syncEachLine(true)
                        .open()) {
            for (Object[] step : SCRIPT) {
                boolean fromClient = (Boolean) step[0];
                byte[] payload = (byte[]) step[1];
                SecureChannel from = fromClient ? c[0] : c[1];
                SecureChannel to = fromClient ? c[1] : c[0];
                TranscriptWriter fromWriter = fromClient ? cw : sw;
                TranscriptWriter toWriter = fromClient ? sw : cw;
                VerifiedMessage sent = from.send(payload);
                fromWriter.append(sent);
                VerifiedMessage received = to.receive().orElseThrow();
                toWriter.append(received);
                (fromClient ? clientSide : serverSide).add(sent);
                (fromClient ? serverSide : clientSide).add(received);
            }
        }
        c[0].close();
        if (c[1].receive().isPresent()) {
            throw new IllegalStateException("expected close_notify");
        }
        c[1].close();
        return new Recorded(clientFile, serverFile, clientSide, serverSide);
    }
}
