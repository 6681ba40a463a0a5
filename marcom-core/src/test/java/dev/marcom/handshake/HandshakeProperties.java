package dev.marcom.handshake;

import static dev.marcom.testing.Fixtures.typedFailure;
import static org.assertj.core.api.Assertions.assertThat;

import dev.marcom.CipherSuite;
import dev.marcom.MarcomException;
import dev.marcom.SessionClosedException;
import dev.marcom.internal.wire.FrameType;
import dev.marcom.internal.wire.Frames;
import dev.marcom.session.SessionConfig;
import dev.marcom.testing.Choices;
import dev.marcom.testing.Fixtures;
import dev.marcom.testing.Pipe;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Handshake properties, written once against {@link Choices} for {@code HandshakeFuzzTest}
 * (Jazzer) and {@code HandshakePropertiesTest} (seeded cases). All handshakes use predictable
 * randomness, so the "genuine" frames below are the same on every run and a fresh handshake
 * brought to a waiting state accepts exactly them. There is one reference handshake per {@link
 * CipherSuite}, both sides offering only that suite and signing with its paired algorithm; the
 * generated cases pick the suite like any other input.
 */
final class HandshakeProperties {
    private static final long SEED = 7;

    /** Per suite, the four frames of the reference handshake: ClientHello, ServerHello, ClientAuth, Finished. */
    private static final Map<CipherSuite, List<byte[]>> GENUINE_BY_SUITE = genuineBySuite();

    /** The reference handshake of {@link CipherSuite#CLASSIC}. */
    static final List<byte[]> GENUINE = genuine(CipherSuite.CLASSIC);

    private HandshakeProperties() {}

    static SessionConfig clientConfig(CipherSuite suite) {
        return Fixtures.client(SEED, suite.pairedSignature()).suites(suite).build();
    }

    static SessionConfig serverConfig(CipherSuite suite) {
        return Fixtures.server(SEED, suite.pairedSignature()).suites(suite).build();
    }

    /** The four frames of the reference handshake of {@code suite}. */
    static List<byte[]> genuine(CipherSuite suite) {
        return GENUINE_BY_SUITE.get(suite);
    }

    private static Map<CipherSuite, List<byte[]>> genuineBySuite() {
        Map<CipherSuite, List<byte[]>> m = new EnumMap<>(CipherSuite.class);
        for (CipherSuite s : CipherSuite.values()) {
            m.put(s, genuine0(s));
        }
        return Collections.unmodifiableMap(m);
    }

    private static List<byte[]> genuine0(CipherSuite suite) {
        try {
            List<byte[]> a =
                    Pipe.handshake(clientConfig(suite), serverConfig(suite)).frames();
            List<byte[]> b =
                    Pipe.handshake(clientConfig(suite), serverConfig(suite)).frames();
            if (a.size() != 4) {
                throw new IllegalStateException("expected 4 handshake frames, got " + a.size());
            }
            for (int i = 0; i < 4; i++) {
                if (!Arrays.equals(a.get(i), b.get(i))) {
                    throw new IllegalStateException(
                            suite.suiteName() + " handshake frame " + i + " is not deterministic");
                }
            }
            return List.copyOf(a);
        } catch (MarcomException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The four points where a handshake waits for a frame, with the frame type it expects. */
    enum Waiting {
        SERVER_FOR_CLIENT_HELLO(FrameType.CLIENT_HELLO),
        CLIENT_FOR_SERVER_HELLO(FrameType.SERVER_HELLO),
        SERVER_FOR_CLIENT_AUTH(FrameType.CLIENT_AUTH),
        CLIENT_FOR_FINISHED(FrameType.SERVER_FINISHED);

        final FrameType expects;

        Waiting(FrameType expects) {
            this.expects = expects;
        }

        // The constants are declared in the order of the handshake's four frames.
        @SuppressWarnings("EnumOrdinal")
        byte[] genuine(CipherSuite suite) {
            return HandshakeProperties.genuine(suite).get(ordinal());
        }

        byte[] genuine() {
            return genuine(CipherSuite.CLASSIC);
        }
    }

    /** A fresh handshake that has reached {@code w} by the classic reference handshake's frames. */
    static Handshake waitingAt(Waiting w) throws MarcomException {
        return waitingAt(w, CipherSuite.CLASSIC);
    }

    /** A fresh handshake that has reached {@code w} by the reference handshake's frames of {@code suite}. */
    static Handshake waitingAt(Waiting w, CipherSuite suite) throws MarcomException {
        List<byte[]> genuine = genuine(suite);
        Handshake h;
        switch (w) {
            case SERVER_FOR_CLIENT_HELLO -> {
                h = Handshake.server(serverConfig(suite));
                assertThat(h.start()).isInstanceOf(HandshakeStep.AwaitFrame.class);
            }
            case CLIENT_FOR_SERVER_HELLO -> {
                h = Handshake.client(clientConfig(suite));
                assertThat(((HandshakeStep.Send) h.start()).frame()).isEqualTo(genuine.get(0));
                assertThat(h.next()).isInstanceOf(HandshakeStep.AwaitFrame.class);
            }
            case SERVER_FOR_CLIENT_AUTH -> {
                h = Handshake.server(serverConfig(suite));
                h.start();
                assertThat(((HandshakeStep.Send) h.receive(genuine.get(0))).frame())
                        .isEqualTo(genuine.get(1));
                assertThat(h.next()).isInstanceOf(HandshakeStep.AwaitFrame.class);
            }
            default -> {
                h = Handshake.client(clientConfig(suite));
                h.start();
                h.next();
                assertThat(((HandshakeStep.Send) h.receive(genuine.get(1))).frame())
                        .isEqualTo(genuine.get(2));
                assertThat(h.next()).isInstanceOf(HandshakeStep.AwaitFrame.class);
            }
        }
        return h;
    }

    // ---- property 1: parsers ---------------------------------------------------------------

    /** Parsing arbitrary bytes gives a typed failure; what parses re-encodes to the same body. */
    static void parsers(byte[] frame) {
        ClientHello[] ch = new ClientHello[1];
        if (typedFailure(() -> ch[0] = ClientHello.parse(frame)) == null) {
            assertBodyEquals(ch[0].encode(), frame);
        }
        ServerHello[] sh = new ServerHello[1];
        if (typedFailure(() -> sh[0] = ServerHello.parse(frame)) == null) {
            assertBodyEquals(sh[0].encode(), frame);
        }
        ClientAuth[] ca = new ClientAuth[1];
        if (typedFailure(() -> ca[0] = ClientAuth.parse(frame)) == null) {
            assertBodyEquals(ca[0].encode(), frame);
        }
    }

    private static void assertBodyEquals(byte[] encoded, byte[] frame) {
        assertThat(Arrays.copyOfRange(encoded, Frames.HEADER_BYTES, encoded.length))
                .as("re-encoded body (parsing must be canonical)")
                .isEqualTo(Arrays.copyOfRange(frame, Frames.HEADER_BYTES, frame.length));
    }

    // ---- property 1: receive in every waiting state ----------------------------------------

    /**
     * A fuzzer-chosen frame (raw bytes, or the expected genuine frame with fuzzer-chosen edits)
     * given to a handshake waiting at a fuzzer-chosen point: either a typed failure, after which the
     * handshake is terminal, or, only for the genuine frame (or any well-formed ClientHello, which is
     * not yet authenticated), the next step.
     */
    static void receiveInState(Choices c) throws Exception {
        CipherSuite suite = c.pick(CipherSuite.values());
        Waiting w = Waiting.values()[c.intIn(0, 3)];
        byte[] genuine = w.genuine(suite);
        byte[] frame = mutate(c, genuine, w.expects);
        Handshake h = waitingAt(w, suite);
        HandshakeStep[] step = new HandshakeStep[1];
        MarcomException e = typedFailure(() -> step[0] = h.receive(frame));
        String what = suite.suiteName() + ", " + w + " given " + frame.length + " bytes";
        if (e != null) {
            assertThat(typedFailure(() -> h.receive(genuine)))
                    .as("after failure: " + what)
                    .isInstanceOf(SessionClosedException.class);
            return;
        }
        if (w != Waiting.SERVER_FOR_CLIENT_HELLO) {
            assertThat(frame)
                    .as("only the authentic frame may be accepted: " + what)
                    .isEqualTo(genuine);
        }
        switch (w) {
            case SERVER_FOR_CLIENT_HELLO ->
                // A hello sharing no suite is answered with NoCommonSuite, after which the server fails.
                assertThat(((HandshakeStep.Send) step[0]).frame()[0])
                        .isIn((byte) FrameType.SERVER_HELLO.code(), (byte) FrameType.NO_COMMON_SUITE.code());
            case CLIENT_FOR_SERVER_HELLO ->
                assertThat(((HandshakeStep.Send) step[0]).frame())
                        .isEqualTo(genuine(suite).get(2));
            case SERVER_FOR_CLIENT_AUTH ->
                assertThat(((HandshakeStep.Send) step[0]).frame())
                        .isEqualTo(genuine(suite).get(3));
            default -> assertThat(step[0]).isInstanceOf(HandshakeStep.Established.class);
        }
    }

    /** Raw bytes, or {@code genuine} with edits; headers are often kept consistent. */
    static byte[] mutate(Choices c, byte[] genuine, FrameType type) {
        int how = c.intIn(0, 7);
        byte[] f;
        switch (how) {
            case 0 -> {
                return c.rest(20_000);
            }
            case 1 -> {
                return Frames.frame(type, c.rest(type.maxBody() + 64));
            }
            case 2 -> {
                f = genuine.clone();
                int flips = c.intIn(1, 8);
                for (int i = 0; i < flips; i++) {
                    f = Fixtures.flip(f, c.intIn(0, f.length * 8 - 1));
                }
                return f;
            }
            case 3 -> {
                f = genuine.clone();
                int at = c.intIn(0, f.length - 1);
                byte[] with = c.bytes(c.intIn(1, Math.min(8, f.length - at)));
                System.arraycopy(with, 0, f, at, with.length);
            }
            case 4 -> f = Arrays.copyOf(genuine, c.intIn(0, genuine.length - 1));
            case 5 -> {
                int at = c.intIn(Frames.HEADER_BYTES, genuine.length);
                byte[] ins = c.bytes(c.intIn(1, 64));
                f = new byte[genuine.length + ins.length];
                System.arraycopy(genuine, 0, f, 0, at);
                System.arraycopy(ins, 0, f, at, ins.length);
                System.arraycopy(genuine, at, f, at + ins.length, genuine.length - at);
            }
            case 6 -> {
                // A u16 somewhere in the body set to a boundary value: lengths and counts.
                f = genuine.clone();
                int at = c.intIn(Frames.HEADER_BYTES, f.length - 2);
                int v = new int[] {0, 1, 0xff, 0x100, 0x7fff, 0xffff, c.intIn(0, 0xffff)}[c.intIn(0, 6)];
                f[at] = (byte) (v >>> 8);
                f[at + 1] = (byte) v;
            }
            default -> {
                return genuine.clone();
            }
        }
        if (f.length >= Frames.HEADER_BYTES && c.percent(75)) {
            Frames.writeHeader(type, f.length - Frames.HEADER_BYTES, f, 0);
        }
        return f;
    }

    // ---- property 3: a single bit flip anywhere in the handshake ----------------------------

    /**
     * One bit of one of the four frames flipped in flight: the handshake fails with a typed
     * exception on one side, and the two sides never both reach Established. Returns which
     * frame and bit were flipped, for messages.
     */
    static String flipOneBit(long seed, int frameIndex, int bitChoice) {
        return flipOneBit(CipherSuite.CLASSIC, seed, frameIndex, bitChoice);
    }

    /** {@link #flipOneBit(long, int, int)} in a handshake of {@code suite}. */
    static String flipOneBit(CipherSuite suite, long seed, int frameIndex, int bitChoice) {
        int[] flipped = new int[1];
        MarcomException e = typedFailure(() -> Pipe.handshake(
                Fixtures.client(seed, suite.pairedSignature()).suites(suite).build(),
                Fixtures.server(seed, suite.pairedSignature()).suites(suite).build(),
                (i, f) -> {
                    if (i != frameIndex) {
                        return f;
                    }
                    flipped[0] = Math.floorMod(bitChoice, f.length * 8);
                    return Fixtures.flip(f, flipped[0]);
                }));
        String what = suite.suiteName() + " frame " + frameIndex + " bit " + flipped[0] + " (seed " + seed + ")";
        assertThat(e)
                .as("handshake completed although " + what + " was flipped")
                .isNotNull();
        return what;
    }

    /**
     * One frame replaced by the same frame of another, complete handshake (other nonces, other
     * KEM keys) of the same suite: the handshake fails with a typed exception.
     */
    static void spliceFromOtherHandshake(CipherSuite suite, long seed, int frameIndex) throws MarcomException {
        List<byte[]> other = Pipe.handshake(
                        Fixtures.client(seed + 1, suite.pairedSignature())
                                .suites(suite)
                                .build(),
                        Fixtures.server(seed + 1, suite.pairedSignature())
                                .suites(suite)
                                .build())
                .frames();
        MarcomException e = typedFailure(() -> Pipe.handshake(
                Fixtures.client(seed, suite.pairedSignature()).suites(suite).build(),
                Fixtures.server(seed, suite.pairedSignature()).suites(suite).build(),
                (i, f) -> i == frameIndex ? other.get(i) : f));
        assertThat(e)
                .as(suite.suiteName() + " handshake completed with frame " + frameIndex + " of another handshake")
                .isNotNull();
    }
}
