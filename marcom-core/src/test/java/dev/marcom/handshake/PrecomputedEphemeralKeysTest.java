package dev.marcom.handshake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.marcom.CipherSuite;
import dev.marcom.internal.crypto.KemKeyPool;
import dev.marcom.internal.crypto.OneTimeKeys;
import dev.marcom.internal.crypto.Suite;
import dev.marcom.session.Inbound;
import dev.marcom.session.SessionConfig;
import dev.marcom.testing.Fixtures;
import dev.marcom.testing.Pipe;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Handshakes whose one-time KEM key pairs come from a pool made ahead: they complete in every
 * suite, the pool refills in the background, and a configuration without precomputation keeps no
 * pool at all.
 */
@Timeout(120)
class PrecomputedEphemeralKeysTest {
    @ParameterizedTest
    @EnumSource(CipherSuite.class)
    void handshakesWithPairsMadeAheadCarryMessages(CipherSuite suite) throws Exception {
        SessionConfig client =
                Fixtures.client(11).suites(suite).precomputeEphemeralKeys(2).build();
        SessionConfig server =
                Fixtures.server(12).suites(suite).precomputeEphemeralKeys(2).build();
        KemKeyPool serverPool = (KemKeyPool) EphemeralKeys.of(server);

        for (int i = 0; i < 4; i++) {
            Pipe.Result pair = Pipe.handshake(client, server);
            assertThat(pair.server().suite()).isEqualTo(suite);
            byte[] text = ("message " + i).getBytes(StandardCharsets.UTF_8);
            Inbound last = null;
            for (byte[] frame : Fixtures.split(pair.client().seal(text))) {
                last = pair.server().open(frame);
            }
            assertThat(last)
                    .isInstanceOfSatisfying(
                            Inbound.Message.class,
                            m -> assertThat(m.message().plaintext()).isEqualTo(text));
            // Let the pool refill, so that the next handshake takes a pair made ahead.
            while (serverPool.waiting(Suite.of(suite).kem()) < 2) {
                Thread.sleep(5);
            }
        }
        assertThat(server.precomputedEphemeralKeys()).isEqualTo(2);
    }

    @Test
    void withoutPrecomputationThereIsNoPool() {
        SessionConfig config = Fixtures.server(13).build();
        assertThat(config.precomputedEphemeralKeys()).isZero();
        OneTimeKeys keys = EphemeralKeys.of(config);
        assertThat(keys).isNotInstanceOf(KemKeyPool.class);
        assertThatThrownBy(() -> Fixtures.server(13).precomputeEphemeralKeys(-1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Fixtures.server(13).precomputeEphemeralKeys(KemKeyPool.MAX_DEPTH + 1))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
