package dev.marcom.handshake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.marcom.AuthenticationException;
import dev.marcom.CipherSuite;
import dev.marcom.MarcomException;
import dev.marcom.NegotiationException;
import dev.marcom.SignatureAlgorithm;
import dev.marcom.identity.Identity;
import dev.marcom.identity.TrustPolicy;
import dev.marcom.session.Inbound;
import dev.marcom.session.SessionConfig;
import dev.marcom.session.VerifiedMessage;
import dev.marcom.testing.Pipe;
import dev.marcom.testing.RecordingTraceListener;
import dev.marcom.trace.Phase;
import dev.marcom.trace.TraceEvent;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * How suites and signature algorithms meet (docs/PROTOCOL.md §4.3): every suite with every pair of
 * identity algorithms, the server's choice by its identity, the failures that name both sides, and
 * the downgrade the server's signature catches.
 */
class SuiteNegotiationTest {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Map<SignatureAlgorithm, Identity> IDS = new EnumMap<>(SignatureAlgorithm.class);

    private static synchronized Identity id(SignatureAlgorithm a) {
        return IDS.computeIfAbsent(a, x -> Identity.generate(x, RANDOM));
    }

    private static SessionConfig.Builder config(SignatureAlgorithm a) {
        return SessionConfig.builder(id(a), TrustPolicy.acceptAny());
    }

    static Stream<Arguments> suitesAndSigners() {
        return Stream.of(CipherSuite.values())
                .flatMap(s -> Stream.of(
                        Arguments.of(s, s.pairedSignature(), s.pairedSignature()),
                        Arguments.of(s, SignatureAlgorithm.ED25519, SignatureAlgorithm.ML_DSA_65),
                        Arguments.of(s, SignatureAlgorithm.ML_DSA_65, SignatureAlgorithm.DSA_2048_256)));
    }

    @ParameterizedTest(name = "{0}: client {1}, server {2}")
    @MethodSource("suitesAndSigners")
    void everySuiteWorksWithEverySigner(CipherSuite suite, SignatureAlgorithm client, SignatureAlgorithm server)
            throws Exception {
        RecordingTraceListener clientTrace = new RecordingTraceListener();
        Pipe.Result r = Pipe.handshake(
                config(client).suites(suite).trace(clientTrace).build(),
                config(server).suites(suite).build());
        assertThat(r.client().suite()).isEqualTo(suite);
        assertThat(r.server().suite()).isEqualTo(suite);
        assertThat(r.client().peer().algorithm()).isEqualTo(server);
        assertThat(r.server().peer().algorithm()).isEqualTo(client);
        byte[] hello = ("hello over " + suite.suiteName()).getBytes(StandardCharsets.UTF_8);
        VerifiedMessage m = ((Inbound.Message) r.server().open(r.client().seal(hello))).message();
        assertThat(m.plaintext()).isEqualTo(hello);
        VerifiedMessage back = ((Inbound.Message) r.client().open(r.server().seal(hello))).message();
        assertThat(back.plaintext()).isEqualTo(hello);
        // The trace names the suite's primitives: its key transport and each side's signatures.
        assertThat(clientTrace.of(TraceEvent.KemValueValidated.class))
                .allSatisfy(e -> assertThat(e.phase()).isEqualTo(Phase.of(suite)));
        assertThat(clientTrace.of(TraceEvent.Signature.class))
                .extracting(TraceEvent::phase)
                .containsOnly(Phase.of(client), Phase.of(server));
    }

    @ParameterizedTest
    @EnumSource(SignatureAlgorithm.class)
    void aServerPrefersTheSuitePairedWithItsIdentity(SignatureAlgorithm server) throws Exception {
        // Both sides offer every suite (the default), in the default order.
        Pipe.Result r = Pipe.handshake(
                config(SignatureAlgorithm.DSA_2048_256).build(), config(server).build());
        CipherSuite expected = Stream.of(CipherSuite.values())
                .filter(s -> s.pairedSignature() == server)
                .findFirst()
                .orElseThrow();
        assertThat(r.client().suite()).isEqualTo(expected);
    }

    @Test
    void withoutItsPairedSuiteAServerTakesItsFirstPreferenceTheClientOffers() throws Exception {
        Pipe.Result r = Pipe.handshake(
                config(SignatureAlgorithm.ED25519)
                        .suites(CipherSuite.CLASSIC, CipherSuite.PQ)
                        .build(),
                config(SignatureAlgorithm.ED25519)
                        .suites(CipherSuite.CLASSIC_3072, CipherSuite.PQ, CipherSuite.CLASSIC)
                        .build());
        assertThat(r.client().suite()).isEqualTo(CipherSuite.PQ);
    }

    @Test
    void noCommonSuiteReachesTheClientNamingBothSides() throws Exception {
        Handshake client = Handshake.client(
                config(SignatureAlgorithm.ED25519).suites(CipherSuite.CLASSIC).build());
        Handshake server = Handshake.server(config(SignatureAlgorithm.ED25519)
                .suites(CipherSuite.MODERN, CipherSuite.PQ)
                .build());
        server.start();
        byte[] hello = ((HandshakeStep.Send) client.start()).frame();
        client.next();
        byte[] answer = ((HandshakeStep.Send) server.receive(hello)).frame();
        assertThatThrownBy(server::next)
                .isInstanceOf(NegotiationException.class)
                .hasMessage("no common cipher suite: the client offers [classic], this side supports [modern, pq]");
        assertThatThrownBy(() -> client.receive(answer))
                .isInstanceOf(NegotiationException.class)
                .hasMessage("no common cipher suite: this side offers [classic], the server supports [modern, pq]");
    }

    @Test
    void aClientRefusesAServerSignatureAlgorithmItDoesNotAccept() {
        assertThatThrownBy(() -> Pipe.handshake(
                        config(SignatureAlgorithm.ED25519)
                                .signatureAlgorithms(SignatureAlgorithm.ED25519, SignatureAlgorithm.ML_DSA_65)
                                .build(),
                        config(SignatureAlgorithm.DSA_2048_256).build()))
                .isInstanceOf(NegotiationException.class)
                .hasMessage("the server signs with DSA-2048/256; this side accepts [Ed25519, ML-DSA-65]");
    }

    @Test
    void aServerRefusesAClientSignatureAlgorithmWithAnAuthenticatedRefusal() throws Exception {
        Handshake client =
                Handshake.client(config(SignatureAlgorithm.DSA_2048_256).build());
        Handshake server = Handshake.server(config(SignatureAlgorithm.ML_DSA_65)
                .signatureAlgorithms(SignatureAlgorithm.ML_DSA_65)
                .build());
        server.start();
        byte[] clientHello = ((HandshakeStep.Send) client.start()).frame();
        client.next();
        byte[] serverHello = ((HandshakeStep.Send) server.receive(clientHello)).frame();
        server.next();
        byte[] clientAuth = ((HandshakeStep.Send) client.receive(serverHello)).frame();
        client.next();
        byte[] refusal = ((HandshakeStep.Send) server.receive(clientAuth)).frame();
        assertThatThrownBy(server::next)
                .isInstanceOf(NegotiationException.class)
                .hasMessage("the client signs with DSA-2048/256; this side accepts [ML-DSA-65]");
        assertThat(refusal[5]).isEqualTo((byte) Handshake.REFUSAL_SIGNATURE_NOT_ACCEPTED);
        assertThatThrownBy(() -> client.receive(refusal))
                .isInstanceOf(NegotiationException.class)
                .hasMessage("the server does not accept this side's DSA-2048/256 signatures");
    }

    @Test
    void strippingThePqOfferIsCaughtByTheServerSignature() {
        RecordingTraceListener serverTrace = new RecordingTraceListener();
        Pipe.Rewriter strip = (i, f) -> {
            if (i != 0) {
                return f;
            }
            ClientHello h = Mitm.clientHello(f);
            List<Integer> weaker =
                    h.suites().stream().filter(c -> c != CipherSuite.PQ.code()).toList();
            return new ClientHello(h.versions(), weaker, h.nonce()).encode();
        };
        assertThatThrownBy(() -> Pipe.handshake(
                        config(SignatureAlgorithm.ML_DSA_65).build(),
                        config(SignatureAlgorithm.ML_DSA_65).trace(serverTrace).build(),
                        strip))
                .isInstanceOf(AuthenticationException.class)
                .hasMessage("server handshake signature did not verify");
        // The downgrade took effect at the server; the client caught it through the signature.
        assertThat(serverTrace.of(TraceEvent.Negotiated.class))
                .singleElement()
                .extracting(TraceEvent.Negotiated::suite)
                .isEqualTo(CipherSuite.MODERN);
    }

    @Test
    void everySuiteIsOfferedByDefaultThePairedOneFirstThenStrongestFirst() throws MarcomException {
        assertThat(config(SignatureAlgorithm.ED25519).build().suites())
                .containsExactly(CipherSuite.MODERN, CipherSuite.PQ, CipherSuite.CLASSIC_3072, CipherSuite.CLASSIC);
        assertThat(config(SignatureAlgorithm.DSA_2048_256).build().suites())
                .containsExactly(CipherSuite.CLASSIC, CipherSuite.PQ, CipherSuite.MODERN, CipherSuite.CLASSIC_3072);
        assertThat(config(SignatureAlgorithm.ED25519).build().signatureAlgorithms())
                .containsExactlyInAnyOrder(SignatureAlgorithm.values());
    }
}
