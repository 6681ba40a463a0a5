package dev.marcom.handshake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.marcom.SessionClosedException;
import dev.marcom.identity.TrustPolicy;
import dev.marcom.session.SessionConfig;
import dev.marcom.testing.RecordingTraceListener;
import dev.marcom.testing.TestIdentities;
import dev.marcom.trace.TraceEvent;
import org.junit.jupiter.api.Test;

/** An abandoned handshake erases what it holds, on either side, at any step. */
class HandshakeErasureTest {
    private final RecordingTraceListener trace = new RecordingTraceListener();
    private final SessionConfig client = SessionConfig.builder(TestIdentities.ALICE, TrustPolicy.acceptAny())
            .trace(trace)
            .build();
    private final SessionConfig server =
            SessionConfig.builder(TestIdentities.BOB, TrustPolicy.acceptAny()).build();

    @Test
    void aClientAbandonedAfterServerHelloHoldsNoSecret() throws Exception {
        Handshake c = Handshake.client(client);
        Handshake s = Handshake.server(server);
        byte[] hello = ((HandshakeStep.Send) c.start()).frame();
        c.next();
        s.start();
        byte[] serverHello = ((HandshakeStep.Send) s.receive(hello)).frame();
        c.receive(serverHello); // now holds the transported secret and the PRK
        assertThat(c.holdsSecrets()).isTrue();
        c.abort("transport failed");
        assertThat(c.holdsSecrets()).isFalse();
        assertThat(trace.of(TraceEvent.Failure.class))
                .singleElement()
                .satisfies(f -> assertThat(f.reason()).isEqualTo("handshake abandoned: transport failed"));
        assertThatThrownBy(() -> c.receive(serverHello)).isInstanceOf(SessionClosedException.class);
        c.abort("again"); // idempotent: no second failure event
        assertThat(trace.of(TraceEvent.Failure.class)).hasSize(1);
    }

    @Test
    void aServerAbandonedAfterClientHelloDropsItsElGamalKey() throws Exception {
        Handshake c = Handshake.client(client);
        Handshake s = Handshake.server(server);
        byte[] hello = ((HandshakeStep.Send) c.start()).frame();
        s.start();
        s.receive(hello);
        assertThat(s.holdsSecrets()).isTrue();
        s.abort("timed out");
        assertThat(s.holdsSecrets()).isFalse();
    }

    @Test
    void abortingACompletedHandshakeChangesNothing() throws Exception {
        Handshake c = Handshake.client(client);
        Handshake s = Handshake.server(server);
        byte[] hello = ((HandshakeStep.Send) c.start()).frame();
        c.next();
        s.start();
        byte[] serverHello = ((HandshakeStep.Send) s.receive(hello)).frame();
        s.next();
        byte[] auth = ((HandshakeStep.Send) c.receive(serverHello)).frame();
        c.next();
        byte[] finished = ((HandshakeStep.Send) s.receive(auth)).frame();
        var session = ((HandshakeStep.Established) c.receive(finished)).session();
        c.abort("too late");
        // The session owns the keys now: nothing is erased, no failure is traced.
        assertThat(session.isErased()).isFalse();
        assertThat(trace.of(TraceEvent.Failure.class)).isEmpty();
        assertThat(session.seal("still works")).isNotEmpty();
    }
}
