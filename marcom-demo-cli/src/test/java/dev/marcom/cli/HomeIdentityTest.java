package dev.marcom.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Why there was no passphrase prompt, in the words that apply (see also the end-to-end tests). */
class HomeIdentityTest {

    @Test
    void theReasonIsWhatActuallyApplies() {
        assertThat(HomeIdentity.whyNoPrompt(Optional.of(false)))
                .isEqualTo("no MARCOM_PASSPHRASE set and stdin is not a terminal");
        assertThat(HomeIdentity.whyNoPrompt(Optional.of(true)))
                .isEqualTo("no MARCOM_PASSPHRASE set, and no passphrase prompt because stdout is not a "
                        + "terminal (redirected)");
        assertThat(HomeIdentity.whyNoPrompt(Optional.empty()))
                .isEqualTo("no MARCOM_PASSPHRASE set and no terminal to ask for a passphrase");
    }
}
