package dev.marcom.handshake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.marcom.MalformedInputException;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A ClientHello offers 1 to 16 versions and 1 to 32 suites: the edges parse, one more does not. */
class ClientHelloTest {
    private static final byte[] NONCE = new byte[ClientHello.NONCE_BYTES];

    private static List<Integer> codes(int n) {
        return Collections.nCopies(n, 0x0101);
    }

    @Test
    void sixteenVersionsAndThirtyTwoSuitesParse() throws Exception {
        ClientHello h = ClientHello.parse(new ClientHello(codes(16), codes(32), NONCE).encode());
        assertThat(h.versions()).hasSize(16);
        assertThat(h.suites()).hasSize(32);
    }

    @Test
    void oneMoreVersionOrSuiteIsMalformed() {
        assertThatThrownBy(() -> ClientHello.parse(new ClientHello(codes(17), codes(1), NONCE).encode()))
                .isInstanceOf(MalformedInputException.class)
                .hasMessage("versions count must be 1..16, was 17");
        assertThatThrownBy(() -> ClientHello.parse(new ClientHello(codes(1), codes(33), NONCE).encode()))
                .isInstanceOf(MalformedInputException.class)
                .hasMessage("suites count must be 1..32, was 33");
    }
}
