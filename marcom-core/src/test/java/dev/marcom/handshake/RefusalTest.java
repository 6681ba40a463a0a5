package dev.marcom.handshake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.marcom.AuthenticationException;
import dev.marcom.SessionClosedException;
import dev.marcom.identity.RefusedByPeerException;
import dev.marcom.identity.TrustPolicy;
import dev.marcom.identity.UntrustedPeerException;
import dev.marcom.session.SessionConfig;
import dev.marcom.testing.TestIdentities;
import dev.marcom.transport.SecureChannel;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A server whose trust policy refuses a client's proven identity tells the client so, with a
 * refusal authenticated by the handshake keys; nobody else can forge one.
 */
@Timeout(60)
class RefusalTest {
    private final SessionConfig client = SessionConfig.builder(
                    TestIdentities.ALICE, TrustPolicy.pinned(TestIdentities.BOB.fingerprint()))
            .build();
    private final SessionConfig refusingServer = SessionConfig.builder(
                    TestIdentities.BOB, TrustPolicy.pinned(TestIdentities.MALLORY.fingerprint()))
            .build();

    /** Runs the handshake up to the server's answer to ClientAuth; returns that answer's frame. */
    private static byte[][] upToServerAnswer(Handshake c, Handshake s) throws Exception {
        byte[] hello = ((HandshakeStep.Send) c.start()).frame();
        c.next();
        s.start();
        byte[] serverHello = ((HandshakeStep.Send) s.receive(hello)).frame();
        s.next();
        byte[] auth = ((HandshakeStep.Send) c.receive(serverHello)).frame();
        c.next();
        byte[] answer = ((HandshakeStep.Send) s.receive(auth)).frame();
        return new byte[][] {answer};
    }

    @Test
    void theRefusedClientLearnsWhichOfItsIdentitiesWasRefusedAndByWhom() throws Exception {
        Handshake c = Handshake.client(client);
        Handshake s = Handshake.server(refusingServer);
        byte[] refusal = upToServerAnswer(c, s)[0];
        assertThat(refusal[0]).as("frame type REFUSAL").isEqualTo((byte) 0x15);
        assertThat(refusal).hasSize(5 + 1 + 32);
        assertThatThrownBy(s::next)
                .isInstanceOf(UntrustedPeerException.class)
                .satisfies(e -> assertThat(((UntrustedPeerException) e).peer().fingerprint())
                        .isEqualTo(TestIdentities.ALICE.fingerprint()));
        assertThatThrownBy(() -> s.receive(refusal)).isInstanceOf(SessionClosedException.class);
        assertThatThrownBy(() -> c.receive(refusal))
                .isInstanceOf(RefusedByPeerException.class)
                .hasMessage("the server " + TestIdentities.BOB.fingerprint() + " refused this identity ("
                        + TestIdentities.ALICE.fingerprint() + ")")
                .satisfies(e -> {
                    RefusedByPeerException r = (RefusedByPeerException) e;
                    assertThat(r.identity()).isEqualTo(TestIdentities.ALICE.fingerprint());
                    assertThat(r.server()).isEqualTo(TestIdentities.BOB.fingerprint());
                });
    }

    @Test
    void aRefusalWithAnyBitFlippedIsAnAuthenticationFailure() throws Exception {
        for (int bit = 5 * 8; bit < 38 * 8; bit += 7) {
            Handshake c = Handshake.client(client);
            Handshake s = Handshake.server(refusingServer);
            byte[] refusal = upToServerAnswer(c, s)[0];
            refusal[bit / 8] ^= (byte) (1 << (bit % 8));
            assertThatThrownBy(() -> c.receive(refusal)).as("bit " + bit).isInstanceOf(AuthenticationException.class);
        }
    }

    @Test
    void aRefusalFromAnotherSessionDoesNotVerify() throws Exception {
        Handshake c1 = Handshake.client(client);
        byte[] stolen = upToServerAnswer(c1, Handshake.server(refusingServer))[0];
        Handshake c2 = Handshake.client(client);
        upToServerAnswer(
                c2,
                Handshake.server(SessionConfig.builder(TestIdentities.BOB, TrustPolicy.acceptAny())
                        .build()));
        assertThatThrownBy(() -> c2.receive(stolen)).isInstanceOf(AuthenticationException.class);
    }

    @Test
    void anAcceptedClientGetsServerFinishedNotARefusal() throws Exception {
        Handshake c = Handshake.client(client);
        Handshake s = Handshake.server(
                SessionConfig.builder(TestIdentities.BOB, TrustPolicy.pinned(TestIdentities.ALICE.fingerprint()))
                        .build());
        byte[] answer = upToServerAnswer(c, s)[0];
        assertThat(answer[0]).isEqualTo((byte) 0x04);
        assertThat(c.receive(answer)).isInstanceOf(HandshakeStep.Established.class);
    }

    @Test
    void overRealSocketsBothSidesGetTheirTypedErrors() throws Exception {
        InetAddress loopback = InetAddress.getLoopbackAddress();
        try (ServerSocket listener = new ServerSocket(0, 1, loopback)) {
            CompletableFuture<Throwable> server = CompletableFuture.supplyAsync(() -> {
                try (Socket s = listener.accept()) {
                    SecureChannel.accept(s, refusingServer).close();
                    return null;
                } catch (Exception e) {
                    return e;
                }
            });
            assertThatThrownBy(() -> SecureChannel.connect(new Socket(loopback, listener.getLocalPort()), client))
                    .isInstanceOf(RefusedByPeerException.class);
            assertThat(server.get(10, TimeUnit.SECONDS)).isInstanceOf(UntrustedPeerException.class);
        }
    }
}
