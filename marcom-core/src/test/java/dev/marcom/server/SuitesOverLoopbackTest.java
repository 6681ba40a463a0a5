package dev.marcom.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.marcom.CipherSuite;
import dev.marcom.NegotiationException;
import dev.marcom.SignatureAlgorithm;
import dev.marcom.identity.Identity;
import dev.marcom.identity.TrustPolicy;
import dev.marcom.session.SessionConfig;
import dev.marcom.session.VerifiedMessage;
import dev.marcom.testing.RecordingTraceListener;
import dev.marcom.trace.TraceEvent;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Every suite over real loopback sockets through the non-blocking server and connector, each side
 * with the suite's paired identity and default settings: the suite is negotiated without being
 * named, messages are signed by the right algorithm, and a client that shares no suite with the
 * server learns both sides' lists from the NoCommonSuite frame.
 */
@Timeout(60)
class SuitesOverLoopbackTest {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final InetSocketAddress ANY_PORT = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);

    @ParameterizedTest
    @EnumSource(CipherSuite.class)
    void pairedIdentitiesNegotiateTheirSuiteWithoutFlags(CipherSuite suite) throws Exception {
        SignatureAlgorithm algorithm = suite.pairedSignature();
        Identity serverId = Identity.generate(algorithm, RANDOM);
        Identity clientId = Identity.generate(algorithm, RANDOM);
        RecordingTraceListener clientTrace = new RecordingTraceListener();
        Recorder atServer = Recorder.echo().expectEnds(1);
        Recorder atClient = new Recorder().expectEnds(1);
        try (MarcomServer server = MarcomServer.builder(
                                SessionConfig.builder(serverId, TrustPolicy.acceptAny())
                                        .build(),
                                atServer)
                        .bind(ANY_PORT);
                MarcomConnector connector = MarcomConnector.open()) {
            Connection c = connector
                    .connect(
                            server.localAddress(),
                            SessionConfig.builder(clientId, TrustPolicy.acceptAny())
                                    .trace(clientTrace)
                                    .build(),
                            atClient)
                    .get(30, TimeUnit.SECONDS);
            assertThat(clientTrace.of(TraceEvent.HandshakeCompleted.class))
                    .singleElement()
                    .extracting(TraceEvent.HandshakeCompleted::suite)
                    .isEqualTo(suite);
            assertThat(c.peer().orElseThrow().algorithm()).isEqualTo(algorithm);
            c.send("hello over " + suite.suiteName());
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (atClient.messages.getOrDefault(c, List.of()).isEmpty()) {
                assertThat(System.nanoTime()).as("the echo arrives").isLessThan(deadline);
                Thread.sleep(5);
            }
            VerifiedMessage echo = atClient.messages.get(c).get(0);
            assertThat(echo.text()).isEqualTo("echo: hello over " + suite.suiteName());
            assertThat(echo.signer()).isEqualTo(serverId.publicIdentity());
            c.close();
            assertThat(atClient.awaitEnds(20)).isTrue();
            assertThat(atServer.awaitEnds(20)).isTrue();
        }
    }

    @Test
    void noCommonSuiteReachesTheClientOverTheNetwork() throws Exception {
        Identity id = Identity.generate(SignatureAlgorithm.ED25519, RANDOM);
        Recorder atServer = new Recorder().expectEnds(1);
        try (MarcomServer server = MarcomServer.builder(
                                SessionConfig.builder(id, TrustPolicy.acceptAny())
                                        .suites(CipherSuite.MODERN, CipherSuite.PQ)
                                        .build(),
                                atServer)
                        .bind(ANY_PORT);
                MarcomConnector connector = MarcomConnector.open()) {
            assertThatThrownBy(() -> connector
                            .connect(
                                    server.localAddress(),
                                    SessionConfig.builder(id, TrustPolicy.acceptAny())
                                            .suites(CipherSuite.CLASSIC)
                                            .build(),
                                    new Recorder())
                            .get(30, TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class)
                    .cause()
                    .isInstanceOf(NegotiationException.class)
                    .hasMessage("no common cipher suite: this side offers [classic], the server supports [modern, pq]");
            assertThat(atServer.awaitEnds(20)).isTrue();
        }
    }
}
