package dev.marcom.trace;

import static dev.marcom.testing.TestIdentities.ALICE;
import static dev.marcom.testing.TestIdentities.BOB;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.marcom.Bytes;
import dev.marcom.Role;
import dev.marcom.identity.TrustPolicy;
import dev.marcom.session.Inbound;
import dev.marcom.session.Session;
import dev.marcom.session.SessionConfig;
import dev.marcom.testing.Fixtures;
import dev.marcom.testing.Pipe;
import dev.marcom.testing.RecordingTraceListener;
import java.lang.reflect.RecordComponent;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Trace events: the handshake's events arrive in protocol order on each side, every
 * {@link Phase} is covered, both sides' events tell the same story, and with
 * {@code revealSecrets(false)} no event carries secret material.
 */
@Timeout(30)
class TraceTest {
    private final RecordingTraceListener clientTrace = new RecordingTraceListener();
    private final RecordingTraceListener serverTrace = new RecordingTraceListener();

    private SessionConfig.Builder alice(boolean reveal) {
        return SessionConfig.builder(ALICE, TrustPolicy.pinned(BOB.fingerprint()))
                .trace(clientTrace)
                .revealSecrets(reveal)
                .keyUpdateAfterRecords(1);
    }

    private SessionConfig.Builder bob(boolean reveal) {
        return SessionConfig.builder(BOB, TrustPolicy.pinned(ALICE.fingerprint()))
                .trace(serverTrace)
                .revealSecrets(reveal)
                .keyUpdateAfterRecords(1);
    }

    // ---- order ----------------------------------------------------------------------------------

    /** Asserts that events matching {@code steps} occur in this order (others may interleave). */
    @SafeVarargs
    private static void assertInOrder(List<TraceEvent> events, Predicate<TraceEvent>... steps) {
        int from = 0;
        for (int s = 0; s < steps.length; s++) {
            int found = -1;
            for (int i = from; i < events.size(); i++) {
                if (steps[s].test(events.get(i))) {
                    found = i;
                    break;
                }
            }
            if (found < 0) {
                fail("step " + (s + 1) + " of " + steps.length + " not found after event " + from + " in:\n"
                        + events.stream().map(Object::toString).collect(Collectors.joining("\n")));
            }
            from = found + 1;
        }
    }

    private static Predicate<TraceEvent> message(boolean outbound, HandshakeMessageType type) {
        return e -> e instanceof TraceEvent.HandshakeMessage m && m.outbound() == outbound && m.type() == type;
    }

    private static Predicate<TraceEvent> frame(boolean outbound, String type) {
        return e -> e instanceof TraceEvent.FrameTransferred f
                && f.outbound() == outbound
                && f.frameType().equals(type);
    }

    private static Predicate<TraceEvent> signature(boolean outbound, Role by) {
        SignatureSubject subject =
                by == Role.CLIENT ? SignatureSubject.CLIENT_HANDSHAKE : SignatureSubject.SERVER_HANDSHAKE;
        return e -> e instanceof TraceEvent.Signature s
                && s.outbound() == outbound
                && s.subject() == subject
                && s.sequence() == 0
                && s.signer().equals((by == Role.CLIENT ? ALICE : BOB).fingerprint());
    }

    private static Predicate<TraceEvent> started(HandshakePhase phase) {
        return e -> e instanceof TraceEvent.PhaseStarted p && p.handshakePhase() == phase;
    }

    private static Predicate<TraceEvent> finished(boolean outbound, Role of) {
        return e -> e instanceof TraceEvent.FinishedMac f && f.outbound() == outbound && f.of() == of;
    }

    private static Predicate<TraceEvent> is(Class<? extends TraceEvent> type) {
        return type::isInstance;
    }

    @Test
    void handshakeEventsComeInProtocolOrder() throws Exception {
        Pipe.Result r = Pipe.handshake(alice(false).build(), bob(false).build());
        List<TraceEvent> client = clientTrace.events();
        List<TraceEvent> server = serverTrace.events();

        assertInOrder(
                client,
                started(HandshakePhase.NEGOTIATION),
                is(TraceEvent.Offer.class),
                message(true, HandshakeMessageType.CLIENT_HELLO),
                frame(true, "CLIENT_HELLO"),
                frame(false, "SERVER_HELLO"),
                message(false, HandshakeMessageType.SERVER_HELLO),
                is(TraceEvent.Negotiated.class),
                started(HandshakePhase.AUTHENTICATION),
                signature(false, Role.SERVER),
                started(HandshakePhase.KEY_TRANSPORT),
                e -> e instanceof TraceEvent.ElGamalValueValidated v && v.which() == ElGamalValue.PUBLIC_KEY,
                started(HandshakePhase.AUTHENTICATION),
                e -> e instanceof TraceEvent.PeerTrusted p && p.peerRole() == Role.SERVER,
                started(HandshakePhase.KEY_TRANSPORT),
                e -> e instanceof TraceEvent.ElGamalEncapsulation c && c.outbound(),
                started(HandshakePhase.AUTHENTICATION),
                signature(true, Role.CLIENT),
                started(HandshakePhase.KEY_CONFIRMATION),
                finished(true, Role.CLIENT),
                message(true, HandshakeMessageType.CLIENT_AUTH),
                frame(true, "CLIENT_AUTH"),
                frame(false, "SERVER_FINISHED"),
                finished(false, Role.SERVER),
                started(HandshakePhase.KEY_DERIVATION),
                e -> e instanceof TraceEvent.Digest d && d.subject() == DigestSubject.SESSION_ID,
                is(TraceEvent.KeysDerived.class),
                is(TraceEvent.PhaseEnded.class),
                is(TraceEvent.HandshakeCompleted.class));

        assertInOrder(
                server,
                started(HandshakePhase.NEGOTIATION),
                frame(false, "CLIENT_HELLO"),
                message(false, HandshakeMessageType.CLIENT_HELLO),
                is(TraceEvent.Negotiated.class),
                started(HandshakePhase.KEY_TRANSPORT),
                is(TraceEvent.ElGamalKeyGenerated.class),
                started(HandshakePhase.AUTHENTICATION),
                signature(true, Role.SERVER),
                message(true, HandshakeMessageType.SERVER_HELLO),
                frame(true, "SERVER_HELLO"),
                frame(false, "CLIENT_AUTH"),
                message(false, HandshakeMessageType.CLIENT_AUTH),
                signature(false, Role.CLIENT),
                started(HandshakePhase.KEY_TRANSPORT),
                e -> e instanceof TraceEvent.ElGamalValueValidated v && v.which() == ElGamalValue.C1,
                e -> e instanceof TraceEvent.ElGamalEncapsulation c && !c.outbound(),
                started(HandshakePhase.KEY_CONFIRMATION),
                finished(false, Role.CLIENT),
                started(HandshakePhase.AUTHENTICATION),
                e -> e instanceof TraceEvent.PeerTrusted p && p.peerRole() == Role.CLIENT,
                started(HandshakePhase.KEY_CONFIRMATION),
                finished(true, Role.SERVER),
                message(true, HandshakeMessageType.SERVER_FINISHED),
                frame(true, "SERVER_FINISHED"),
                started(HandshakePhase.KEY_DERIVATION),
                e -> e instanceof TraceEvent.Digest d && d.subject() == DigestSubject.SESSION_ID,
                is(TraceEvent.KeysDerived.class),
                is(TraceEvent.PhaseEnded.class),
                is(TraceEvent.HandshakeCompleted.class));

        // The handshake ends with HandshakeCompleted, which names the session both sides hold.
        for (var side : List.of(Map.entry(client, r.client()), Map.entry(server, r.server()))) {
            List<TraceEvent> events = side.getKey();
            Session session = side.getValue();
            assertThat(events.get(events.size() - 1))
                    .isInstanceOfSatisfying(TraceEvent.HandshakeCompleted.class, done -> {
                        assertThat(done.sessionId()).isEqualTo(session.sessionId());
                        assertThat(done.suite()).isEqualTo(session.suite());
                        assertThat(done.role()).isEqualTo(session.role());
                        assertThat(done.peer()).isEqualTo(session.peer().fingerprint());
                    });
            assertThat(events).filteredOn(TraceEvent.Failure.class::isInstance).isEmpty();
        }
    }

    @Test
    void bothSidesTellTheSameStory() throws Exception {
        Pipe.Result r = Pipe.handshake(alice(false).build(), bob(false).build());
        TraceEvent.ElGamalKeyGenerated generated = single(serverTrace, TraceEvent.ElGamalKeyGenerated.class);
        TraceEvent.ElGamalValueValidated validatedY =
                clientTrace.of(TraceEvent.ElGamalValueValidated.class).get(0);
        assertThat(validatedY.value()).isEqualTo(generated.publicKey());
        assertThat(generated.primeBits()).isEqualTo(2048);
        assertThat(generated.generator()).isEqualTo(BigInteger.TWO);

        TraceEvent.ElGamalEncapsulation sent = single(clientTrace, TraceEvent.ElGamalEncapsulation.class);
        TraceEvent.ElGamalEncapsulation opened = single(serverTrace, TraceEvent.ElGamalEncapsulation.class);
        assertThat(opened.c1()).isEqualTo(sent.c1());
        assertThat(opened.c2()).isEqualTo(sent.c2());

        assertThat(macs(clientTrace, true)).isEqualTo(macs(serverTrace, false));
        assertThat(macs(serverTrace, true)).isEqualTo(macs(clientTrace, false));
        assertThat(single(clientTrace, TraceEvent.KeysDerived.class).sessionId())
                .isEqualTo(single(serverTrace, TraceEvent.KeysDerived.class).sessionId())
                .isEqualTo(r.client().sessionId());
    }

    private static <T extends TraceEvent> T single(RecordingTraceListener trace, Class<T> type) {
        List<T> all = trace.of(type);
        assertThat(all).as(type.getSimpleName()).hasSize(1);
        return all.get(0);
    }

    private static List<Bytes> macs(RecordingTraceListener trace, boolean outbound) {
        return trace.of(TraceEvent.FinishedMac.class).stream()
                .filter(f -> f.outbound() == outbound)
                .map(TraceEvent.FinishedMac::mac)
                .toList();
    }

    @Test
    void everyPhaseAppears() throws Exception {
        Pipe.Result r = Pipe.handshake(alice(false).build(), bob(false).build());
        Set<Phase> handshakePhases = EnumSet.complementOf(EnumSet.of(Phase.AES_GCM));
        assertThat(phases(clientTrace)).containsAll(handshakePhases);
        assertThat(phases(serverTrace)).containsAll(handshakePhases);
        // Records add AES-GCM.
        r.server().open(r.client().seal("ping"));
        r.client().open(r.server().seal("pong"));
        assertThat(r.server().open(r.client().close())).isInstanceOf(Inbound.Closed.class);
        assertThat(phases(clientTrace)).containsExactlyInAnyOrder(Phase.values());
        assertThat(phases(serverTrace)).containsExactlyInAnyOrder(Phase.values());
        assertThat(clientTrace.of(TraceEvent.CloseNotify.class))
                .singleElement()
                .extracting(TraceEvent.CloseNotify::outbound)
                .isEqualTo(true);
        assertThat(serverTrace.of(TraceEvent.CloseNotify.class))
                .singleElement()
                .extracting(TraceEvent.CloseNotify::outbound)
                .isEqualTo(false);
    }

    private static Set<Phase> phases(RecordingTraceListener trace) {
        return trace.events().stream()
                .map(TraceEvent::phase)
                .collect(Collectors.toCollection(() -> EnumSet.noneOf(Phase.class)));
    }

    // ---- secrets --------------------------------------------------------------------------------

    /** Every {@code Optional} component of every event is empty. */
    private static void assertNoOptionalSecrets(List<TraceEvent> events) {
        for (TraceEvent e : events) {
            for (RecordComponent c : e.getClass().getRecordComponents()) {
                if (c.getType() == Optional.class) {
                    Object value;
                    try {
                        value = c.getAccessor().invoke(e);
                    } catch (ReflectiveOperationException ex) {
                        throw new LinkageError(ex.getMessage(), ex);
                    }
                    assertThat((Optional<?>) value)
                            .as("%s.%s", e.getClass().getSimpleName(), c.getName())
                            .isEmpty();
                }
            }
        }
    }

    /**
     * No 6-byte window of any secret appears, as hex, in any event's text (so neither the full
     * value nor an abbreviated "first…last bytes" rendering); nor its decimal form.
     */
    private static void assertNoneContains(List<TraceEvent> events, Map<String, byte[]> secrets) {
        String all = events.stream()
                .map(Object::toString)
                .collect(Collectors.joining("\n"))
                .toLowerCase(java.util.Locale.ROOT);
        HexFormat hex = HexFormat.of();
        secrets.forEach((name, secret) -> {
            assertThat(secret.length).as(name).isGreaterThanOrEqualTo(12);
            for (int i = 0; i + 6 <= secret.length; i++) {
                String window = hex.formatHex(secret, i, i + 6);
                assertThat(all).as("%s bytes %d..%d", name, i, i + 6).doesNotContain(window);
            }
            String decimal = new BigInteger(1, secret).toString();
            assertThat(all).as("%s in decimal", name).doesNotContain(decimal.substring(0, 20));
        });
    }

    /** Every secret the (revealing) side's events carry, by name. */
    private static Map<String, byte[]> revealedSecrets(RecordingTraceListener trace) {
        Map<String, byte[]> out = new LinkedHashMap<>();
        TraceEvent.KeysDerived keys = single(trace, TraceEvent.KeysDerived.class);
        TraceEvent.ElGamalEncapsulation enc = single(trace, TraceEvent.ElGamalEncapsulation.class);
        out.put("transported secret", enc.secret().orElseThrow().toByteArray());
        out.put("client-to-server key", keys.clientToServerKey().orElseThrow().toByteArray());
        out.put("server-to-client key", keys.serverToClientKey().orElseThrow().toByteArray());
        trace.of(TraceEvent.ElGamalKeyGenerated.class)
                .forEach(g -> out.put(
                        "ElGamal private key x", g.privateKey().orElseThrow().toByteArray()));
        trace.of(TraceEvent.KeyUpdated.class)
                .forEach(k -> out.put(
                        (k.outbound() ? "sending" : "receiving") + " key of generation " + k.generation(),
                        k.key().orElseThrow().toByteArray()));
        return out;
    }

    /** Two messages each way; with {@code keyUpdateAfterRecords(1)} the second ones update keys. */
    private static void exchangeMessages(Pipe.Result r) throws Exception {
        for (int i = 0; i < 2; i++) {
            deliver(r.client().seal("confidential from the client"), r.server());
            deliver(r.server().seal("confidential from the server".getBytes(StandardCharsets.UTF_8)), r.client());
        }
    }

    /** Opens each of the concatenated frames {@code seal} returned. */
    private static void deliver(byte[] frames, Session to) throws Exception {
        for (byte[] frame : Fixtures.split(frames)) {
            to.open(frame);
        }
    }

    /**
     * One session, two views: the client reveals secrets, the server does not. Both sides derive
     * the same transported secret and traffic keys, so the client's revealed values are exactly the
     * ones the server's events must not contain.
     */
    @Test
    void hiddenSideOfOneSessionLeaksNoneOfTheRevealingSidesSecrets() throws Exception {
        Pipe.Result r = Pipe.handshake(alice(true).build(), bob(false).build());
        Map<String, byte[]> secrets = revealedSecrets(clientTrace);
        assertNoOptionalSecrets(serverTrace.events());
        assertNoneContains(serverTrace.events(), secrets);
        // The records' events may show nonces (see the disabled test below), never keys or secret.
        exchangeMessages(r);
        assertNoOptionalSecrets(serverTrace.events());
        assertNoneContains(serverTrace.events(), revealedSecrets(clientTrace));
    }

    private static SecureRandom seeded(String seed) throws Exception {
        SecureRandom random = SecureRandom.getInstance("SHA1PRNG");
        random.setSeed(seed.getBytes(StandardCharsets.UTF_8)); // before first use: deterministic
        return random;
    }

    /**
     * The server's ElGamal private key is known only to the server, so to check it is not leaked
     * we run the same handshake twice with seeded random sources: once revealing (to learn x, the
     * secret and the keys, also those of the key updates) and once hidden. Equal session ids prove
     * the two runs are the same session (the id hashes the nonces, y, c1 and c2).
     */
    @Test
    void replayedHiddenSessionLeaksNoSecretIncludingTheElGamalKey() throws Exception {
        Pipe.Result revealed = Pipe.handshake(
                alice(true).random(seeded("client")).build(),
                bob(true).random(seeded("server")).build());
        exchangeMessages(revealed);
        Map<String, byte[]> secrets = new LinkedHashMap<>(revealedSecrets(serverTrace));
        assertThat(revealedSecrets(clientTrace).get("transported secret")).isEqualTo(secrets.get("transported secret"));
        assertThat(secrets)
                .containsKey("ElGamal private key x")
                .containsKey("sending key of generation 1")
                .containsKey("receiving key of generation 1");

        clientTrace.clear();
        serverTrace.clear();
        Pipe.Result hidden = Pipe.handshake(
                alice(false).random(seeded("client")).build(),
                bob(false).random(seeded("server")).build());
        assertThat(hidden.client().sessionId())
                .as("the same session, replayed")
                .isEqualTo(revealed.client().sessionId());
        for (RecordingTraceListener side : List.of(clientTrace, serverTrace)) {
            assertNoOptionalSecrets(side.events());
            assertNoneContains(side.events(), secrets);
        }
        exchangeMessages(hidden);
        for (RecordingTraceListener side : List.of(clientTrace, serverTrace)) {
            assertNoOptionalSecrets(side.events());
            assertNoneContains(side.events(), secrets);
        }
    }

    /**
     * The IVs are deliberately shown (GCM nonces need uniqueness, not secrecy): the first record's
     * nonce in each direction is the IV that KeysDerived reported, so the trace shows
     * nonce = IV XOR sequence.
     */
    @Test
    void recordNoncesAreTheReportedIvsXorSequence() throws Exception {
        Pipe.Result r = Pipe.handshake(alice(false).build(), bob(false).build());
        TraceEvent.KeysDerived keys = single(clientTrace, TraceEvent.KeysDerived.class);
        exchangeMessages(r);
        TraceEvent.AeadRecord first = clientTrace.events().stream()
                .filter(e -> e instanceof TraceEvent.AeadRecord a && a.outbound())
                .map(e -> (TraceEvent.AeadRecord) e)
                .findFirst()
                .orElseThrow();
        assertThat(first.sequence()).isZero();
        assertThat(first.nonce()).isEqualTo(keys.clientToServerIv());
    }

    @Test
    void revealingSideDoesCarryTheSecrets() throws Exception {
        // Guards the checks above against being vacuous.
        Pipe.Result r = Pipe.handshake(alice(true).build(), bob(true).build());
        assertThat(revealedSecrets(clientTrace)).hasSize(3); // secret, two keys
        assertThat(revealedSecrets(serverTrace)).hasSize(4); // + ElGamal x
        exchangeMessages(r);
        assertThat(revealedSecrets(clientTrace)).hasSize(5); // + a key update in each direction
        assertThat(single(clientTrace, TraceEvent.KeysDerived.class).clientToServerKey())
                .isEqualTo(single(serverTrace, TraceEvent.KeysDerived.class).clientToServerKey());
        assertThat(r.client().sessionId()).isEqualTo(r.server().sessionId());
    }
}
