package dev.marcom.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.marcom.CipherSuite;
import dev.marcom.identity.TrustPolicy;
import dev.marcom.testing.TestIdentities;
import java.time.Duration;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** Every limit of the configuration holds exactly at its edge: the edge is allowed, one past it is not. */
class SessionConfigTest {
    private static final CipherSuite SUITE = CipherSuite.ELGAMAL_FFDHE2048_AES256GCM_SHA256_DSA;

    private static SessionConfig.Builder builder() {
        return SessionConfig.builder(TestIdentities.ALICE, TrustPolicy.acceptAny());
    }

    @Test
    void oneToThirtyTwoSuitesMayBeOffered() {
        CipherSuite[] many = new CipherSuite[32];
        Arrays.fill(many, SUITE);
        assertThat(builder().suites(SUITE).build().suites()).containsExactly(SUITE);
        assertThat(builder().suites(many).build().suites()).hasSize(32);
        assertThatThrownBy(() -> builder().suites()).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> builder().suites(Arrays.copyOf(many, 33)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theMessageLimitIsFromOneByteToOneGibibyte() {
        assertThat(builder().maxMessageBytes(1).build().maxMessageBytes()).isEqualTo(1);
        assertThat(builder().maxMessageBytes(1 << 30).build().maxMessageBytes()).isEqualTo(1 << 30);
        assertThatThrownBy(() -> builder().maxMessageBytes(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> builder().maxMessageBytes((1 << 30) + 1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void livenessTimesAreOffOrAtLeastTenMilliseconds() {
        SessionConfig c = builder()
                .keepAliveInterval(Duration.ofMillis(10))
                .idleTimeout(Duration.ofMillis(11))
                .build();
        assertThat(c.keepAliveInterval()).isEqualTo(Duration.ofMillis(10));
        assertThat(builder().keepAliveInterval(Duration.ZERO).build().keepAliveInterval())
                .isZero();
        assertThatThrownBy(() -> builder().keepAliveInterval(Duration.ofMillis(9)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("keep-alive interval must be zero (off) or at least 10 ms");
        assertThatThrownBy(() -> builder().idleTimeout(Duration.ofMillis(-1)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theIdleTimeoutMustBeLongerThanTheKeepAliveWhenBothAreOn() {
        assertThatThrownBy(() -> builder()
                        .keepAliveInterval(Duration.ofMillis(500))
                        .idleTimeout(Duration.ofMillis(500))
                        .build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("must be longer than the keep-alive interval");
        assertThat(builder()
                        .keepAliveInterval(Duration.ofMillis(500))
                        .idleTimeout(Duration.ofMillis(501))
                        .build()
                        .idleTimeout())
                .isEqualTo(Duration.ofMillis(501));
        // Either one off: no relation to keep.
        assertThat(builder()
                        .keepAliveInterval(Duration.ofSeconds(5))
                        .idleTimeout(Duration.ZERO)
                        .build()
                        .idleTimeout())
                .isZero();
        assertThat(builder()
                        .keepAliveInterval(Duration.ZERO)
                        .idleTimeout(Duration.ofMillis(10))
                        .build()
                        .keepAliveInterval())
                .isZero();
    }
}
