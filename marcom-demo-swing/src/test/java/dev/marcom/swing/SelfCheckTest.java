package dev.marcom.swing;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The headless self-check that CI runs against the packaged app image: every suite, by name. */
@Timeout(60)
class SelfCheckTest {
    @Test
    void selfCheckRunsAHandshakeAndAMessage() throws Exception {
        assertThat(MarcomApp.selfCheck())
                .isEqualTo("MARCOM self-check OK: classic (DSA-2048/256), classic-3072 (DSA-3072/256), "
                        + "modern (Ed25519), pq (ML-DSA-65); Java " + System.getProperty("java.version"));
    }
}
