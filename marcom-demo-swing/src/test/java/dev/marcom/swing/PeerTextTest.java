package dev.marcom.swing;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The chat's escaping of peer text, without a display. */
class PeerTextTest {
    @Test
    void escapesControlsEscapeSequencesAndBidiOverrides() {
        assertThat(PeerText.escape("\u001b[2J")).isEqualTo("\\x1b[2J");
        assertThat(PeerText.escape("abc\u202egnp.exe")).isEqualTo("abc\\u202egnp.exe");
        assertThat(PeerText.escape("\u2066\u2069\u200e\u061c\u200b\ufeff\u00ad\u2028"))
                .isEqualTo("\\u2066\\u2069\\u200e\\u061c\\u200b\\ufeff\\u00ad\\u2028");
        assertThat(PeerText.escape("\u0000\t\u007f\u009b")).isEqualTo("\\x00\\x09\\x7f\\x9b");
        assertThat(PeerText.escape("tag\udb40\udc41 lone\ud800")).isEqualTo("tag\\U000e0041 lone\\ud800");
    }

    @Test
    void keepsPrintableTextAndJoiners() {
        String text = "caf\u00e9 \ud83d\udc68\u200d\ud83d\udc69\u200d\ud83d\udc67 "
                + "\u0645\u06cc\u200c\u062e\u0648\u0627\u0647\u0645 \\x1b";
        assertThat(PeerText.escape(text)).isSameAs(text);
    }

    @Test
    void htmlKeepsEachLineOfAMessageInItsBubbleAndEscapesMarkup() {
        assertThat(PeerText.html("line1\nSHA256:AAAA\u2026 #7: fake\r\n<b>x</b> & \u001b[2J"))
                .isEqualTo("line1<br>SHA256:AAAA\u2026 #7: fake<br>&lt;b&gt;x&lt;/b&gt; &amp; \\x1b[2J");
        assertThat(PeerText.html("a\rb")).isEqualTo("a\\x0db");
    }
}
