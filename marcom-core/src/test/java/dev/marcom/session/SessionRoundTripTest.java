package dev.marcom.session;

import static org.assertj.core.api.Assertions.assertThat;

import dev.marcom.Direction;
import dev.marcom.identity.TrustPolicy;
import dev.marcom.testing.Pipe;
import dev.marcom.testing.TestIdentities;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class SessionRoundTripTest {
    @Test
    void handshakeAndMessageBothWays() throws Exception {
        SessionConfig c = SessionConfig.builder(TestIdentities.ALICE, TrustPolicy.acceptAny())
                .build();
        SessionConfig s = SessionConfig.builder(TestIdentities.BOB, TrustPolicy.acceptAny())
                .build();
        Pipe.Result r = Pipe.handshake(c, s);
        assertThat(r.client().sessionId()).isEqualTo(r.server().sessionId());
        assertThat(r.client().peer()).isEqualTo(TestIdentities.BOB.publicIdentity());
        assertThat(r.server().peer()).isEqualTo(TestIdentities.ALICE.publicIdentity());

        Inbound in = r.server().open(r.client().seal("hello"));
        assertThat(in).isInstanceOf(Inbound.Message.class);
        VerifiedMessage m = ((Inbound.Message) in).message();
        assertThat(m.text()).isEqualTo("hello");
        assertThat(m.sequence()).isEqualTo(1);
        assertThat(m.direction()).isEqualTo(Direction.CLIENT_TO_SERVER);
        OfflineVerifier.verify(m);

        Inbound back = r.client().open(r.server().seal("hi".getBytes(StandardCharsets.UTF_8)));
        assertThat(((Inbound.Message) back).message().text()).isEqualTo("hi");
    }
}
