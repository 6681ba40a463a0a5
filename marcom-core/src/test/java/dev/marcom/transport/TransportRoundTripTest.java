package dev.marcom.transport;

import static dev.marcom.testing.TestIdentities.ALICE;
import static dev.marcom.testing.TestIdentities.BOB;
import static org.assertj.core.api.Assertions.assertThat;

import dev.marcom.CipherSuite;
import dev.marcom.SignatureAlgorithm;
import dev.marcom.identity.Identity;
import dev.marcom.identity.TrustPolicy;
import dev.marcom.session.SessionConfig;
import dev.marcom.testing.RecordingTraceListener;
import dev.marcom.trace.TraceEvent;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Messages survive every transport intact, in both directions at once: loopback TCP sockets,
 * NIO socket channels and the in-memory pair, with a concurrent reader and writer on each side.
 * Also fragmentation, key updates, 3072-bit identities with ffdhe3072, and the clean close.
 */
@Timeout(120)
class TransportRoundTripTest {
    static final int KIB = 1024;
    static final int MIB = 1024 * 1024;
    static final List<Integer> SIZES = List.of(0, 1, 100, 16 * KIB, 64 * KIB - 1, 64 * KIB, 64 * KIB + 1, MIB, 5 * MIB);

    private final Links links = new Links();

    @AfterEach
    void closeAll() {
        links.close();
    }

    private static SessionConfig alice(UnaryOperator<SessionConfig.Builder> tweak) {
        return tweak.apply(SessionConfig.builder(ALICE, TrustPolicy.pinned(BOB.fingerprint()))
                        .handshakeTimeout(java.time.Duration.ofSeconds(20)))
                .build();
    }

    private static SessionConfig bob(UnaryOperator<SessionConfig.Builder> tweak) {
        return tweak.apply(SessionConfig.builder(BOB, TrustPolicy.pinned(ALICE.fingerprint()))
                        .handshakeTimeout(java.time.Duration.ofSeconds(20)))
                .build();
    }

    private static List<byte[]> payloads(List<Integer> sizes, int seed) {
        List<byte[]> out = new ArrayList<>();
        for (int i = 0; i < sizes.size(); i++) {
            out.add(Links.payload(sizes.get(i), seed * 1000 + i));
        }
        return out;
    }

    private static List<Integer> reversed(List<Integer> list) {
        List<Integer> out = new ArrayList<>(list);
        java.util.Collections.reverse(out);
        return out;
    }

    private static void assertCleanClose(Links.Link link) throws Exception {
        link.client.close();
        assertThat(link.server.receive())
                .as("close_notify reads as a clean end")
                .isEmpty();
        link.server.close();
    }

    @ParameterizedTest
    @EnumSource(Links.Kind.class)
    void allPayloadSizesBothWaysAtOnce(Links.Kind kind) throws Exception {
        Links.Link link = links.connect(kind, alice(b -> b), bob(b -> b));
        assertThat(link.client.peer()).isEqualTo(BOB.publicIdentity());
        assertThat(link.server.peer()).isEqualTo(ALICE.publicIdentity());
        assertThat(link.client.session().sessionId())
                .isEqualTo(link.server.session().sessionId());
        links.exchange(link.client, link.server, payloads(SIZES, 1), payloads(reversed(SIZES), 2));
        assertCleanClose(link);
    }

    @ParameterizedTest
    @EnumSource(Links.Kind.class)
    void twoHundredMessagesEachWayWithConcurrentReaderAndWriter(Links.Kind kind) throws Exception {
        Links.Link link = links.connect(kind, alice(b -> b), bob(b -> b));
        List<Integer> sizes =
                IntStream.range(0, 200).map(i -> (i * 977) % 3000).boxed().toList();
        links.exchange(link.client, link.server, payloads(sizes, 3), payloads(sizes, 4));
        assertCleanClose(link);
    }

    @Test
    void fragmentedIntoSmallRecords() throws Exception {
        RecordingTraceListener clientTrace = new RecordingTraceListener();
        UnaryOperator<SessionConfig.Builder> small = b -> b.recordContentBytes(256);
        Links.Link link =
                links.connect(Links.Kind.SOCKET, alice(b -> small.apply(b).trace(clientTrace)), bob(small));
        List<Integer> sizes = List.of(0, 1, 200, 255, 256, 257, 1000, 70_000);
        links.exchange(link.client, link.server, payloads(sizes, 5), payloads(sizes, 6));
        // Every outbound record carries the type byte and at most 256 bytes of content, the final
        // record's signature prefix included.
        List<TraceEvent.AeadRecord> sealed = clientTrace.of(TraceEvent.AeadRecord.class).stream()
                .filter(TraceEvent.AeadRecord::outbound)
                .toList();
        assertThat(sealed).hasSizeGreaterThan(70_000 / 256);
        assertThat(sealed).allSatisfy(r -> assertThat(r.plaintextBytes()).isLessThanOrEqualTo(1 + 256));
        assertCleanClose(link);
    }

    @Test
    void keyUpdatesEveryThreeRecords() throws Exception {
        RecordingTraceListener clientTrace = new RecordingTraceListener();
        RecordingTraceListener serverTrace = new RecordingTraceListener();
        Links.Link link = links.connect(
                Links.Kind.SOCKET,
                alice(b -> b.keyUpdateAfterRecords(3).trace(clientTrace)),
                bob(b -> b.keyUpdateAfterRecords(3).trace(serverTrace)));
        List<Integer> sizes = IntStream.range(0, 20).map(i -> 10 * i).boxed().toList();
        links.exchange(link.client, link.server, payloads(sizes, 7), payloads(sizes, 8));
        // 20 single-record messages, 3 per key: updates before messages 4, 7, 10, 13, 16 and 19.
        List<Integer> expected = List.of(1, 2, 3, 4, 5, 6);
        assertThat(generations(clientTrace, true)).isEqualTo(expected);
        assertThat(generations(serverTrace, false)).isEqualTo(expected);
        assertThat(generations(serverTrace, true)).isEqualTo(expected);
        assertThat(generations(clientTrace, false)).isEqualTo(expected);
        assertCleanClose(link);
    }

    @Test
    void keyUpdatesInsideFragmentedMessages() throws Exception {
        // A 2000-byte message in 256-byte records spans 8 records, so with a key update every 3
        // records the sender switches keys between fragments of one message.
        RecordingTraceListener serverTrace = new RecordingTraceListener();
        UnaryOperator<SessionConfig.Builder> tweak =
                b -> b.recordContentBytes(256).keyUpdateAfterRecords(3);
        Links.Link link = links.connect(
                Links.Kind.IN_MEMORY, alice(tweak), bob(b -> tweak.apply(b).trace(serverTrace)));
        List<Integer> sizes = List.of(2000, 2000, 10, 5000);
        links.exchange(link.client, link.server, payloads(sizes, 9), payloads(sizes, 10));
        assertThat(generations(serverTrace, false)).isNotEmpty();
        assertCleanClose(link);
    }

    private static List<Integer> generations(RecordingTraceListener trace, boolean outbound) {
        return trace.of(TraceEvent.KeyUpdated.class).stream()
                .filter(k -> k.outbound() == outbound)
                .map(TraceEvent.KeyUpdated::generation)
                .toList();
    }

    @Test
    void dsa3072IdentitiesWithFfdhe3072() throws Exception {
        SecureRandom random = new SecureRandom();
        Identity carol = Identity.generate(SignatureAlgorithm.DSA_3072_256, random);
        Identity dave = Identity.generate(SignatureAlgorithm.DSA_3072_256, random);
        CipherSuite suite = CipherSuite.ELGAMAL_FFDHE3072_AES256GCM_SHA256_DSA;
        SessionConfig c = SessionConfig.builder(carol, TrustPolicy.pinned(dave.fingerprint()))
                .suites(suite)
                .build();
        SessionConfig s = SessionConfig.builder(dave, TrustPolicy.pinned(carol.fingerprint()))
                .suites(suite)
                .build();
        Links.Link link = links.connect(Links.Kind.SOCKET, c, s);
        assertThat(link.client.session().suite()).isEqualTo(suite);
        assertThat(link.server.session().suite()).isEqualTo(suite);
        assertThat(link.client.peer().algorithm()).isEqualTo(SignatureAlgorithm.DSA_3072_256);
        assertThat(link.server.peer().algorithm()).isEqualTo(SignatureAlgorithm.DSA_3072_256);
        assertThat(((java.security.interfaces.DSAPublicKey) link.client.peer().publicKey())
                        .getParams()
                        .getP()
                        .bitLength())
                .isEqualTo(3072);
        List<Integer> sizes = List.of(0, 1, 100, 64 * KIB + 1);
        links.exchange(link.client, link.server, payloads(sizes, 11), payloads(sizes, 12));
        assertCleanClose(link);
    }
}
