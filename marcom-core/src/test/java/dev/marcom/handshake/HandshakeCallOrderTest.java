package dev.marcom.handshake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.marcom.Role;
import dev.marcom.testing.Fixtures;
import org.junit.jupiter.api.Test;

/** Calls out of order are programming errors, refused with IllegalStateException. */
class HandshakeCallOrderTest {
    @Test
    void aClientCannotStartTwice() {
        Handshake h = Handshake.client(Fixtures.client(1).build());
        assertThat(h.start()).isInstanceOf(HandshakeStep.Send.class);
        assertThatThrownBy(h::start).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aServerCannotStartTwice() {
        Handshake h = Handshake.server(Fixtures.server(1).build());
        assertThat(h.start()).isInstanceOf(HandshakeStep.AwaitFrame.class);
        assertThatThrownBy(h::start).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void nextIsOnlyValidAfterASend() {
        Handshake h = Handshake.server(Fixtures.server(1).build());
        assertThatThrownBy(h::next).isInstanceOf(IllegalStateException.class);
        h.start();
        assertThatThrownBy(h::next).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void theRoleIsTheOneAskedFor() {
        assertThat(Handshake.client(Fixtures.client(1).build()).role()).isEqualTo(Role.CLIENT);
        assertThat(Handshake.server(Fixtures.server(1).build()).role()).isEqualTo(Role.SERVER);
    }
}
