package dev.marcom.swing;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The headless self-check that CI runs against the packaged app image. */
@Timeout(60)
class SelfCheckTest {
    @Test
    void selfCheckRunsAHandshakeAndAMessage() throws Exception {
        assertThat(MarcomApp.selfCheck()).startsWith("MARCOM self-check OK: ELGAMAL_FFDHE2048");
    }
}
