package dev.marcom.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class PeerTextTest {
    static Stream<Arguments> unsafe() {
        return Stream.of(
                // ANSI escape sequences and other C0 controls, DEL, C1 controls (U+009B is an 8-bit CSI)
                Arguments.of("\u001b[2J", "\\x1b[2J"),
                Arguments.of("\u001b]0;title\u0007", "\\x1b]0;title\\x07"),
                Arguments.of("a\u0000b\u0008c\u007fd", "a\\x00b\\x08c\\x7fd"),
                Arguments.of("\u009b31m\u0085", "\\x9b31m\\x85"),
                Arguments.of("tab\there", "tab\\x09here"),
                Arguments.of("cr\rnl\n", "cr\\x0dnl\\x0a"),
                // bidirectional embeddings, overrides, isolates and marks
                Arguments.of("abc\u202egnp.exe", "abc\\u202egnp.exe"),
                Arguments.of("\u202a\u202b\u202c\u202d", "\\u202a\\u202b\\u202c\\u202d"),
                Arguments.of("\u2066\u2067\u2068\u2069", "\\u2066\\u2067\\u2068\\u2069"),
                Arguments.of("\u200e\u200f\u061c", "\\u200e\\u200f\\u061c"),
                // invisible format characters, separators, tags, an unpaired surrogate
                Arguments.of("zero\u200bwidth\u2060joiner\ufeff\u00ad", "zero\\u200bwidth\\u2060joiner\\ufeff\\u00ad"),
                Arguments.of("line\u2028para\u2029", "line\\u2028para\\u2029"),
                Arguments.of("tag\udb40\udc41", "tag\\U000e0041"),
                Arguments.of("lone\ud800", "lone\\ud800"));
    }

    @ParameterizedTest(name = "{index}: {1}")
    @MethodSource("unsafe")
    void escapesWhatATerminalActsOnOrThatReordersText(String text, String shown) {
        assertThat(PeerText.escape(text)).isEqualTo(shown);
    }

    @ParameterizedTest(name = "{index}")
    @ValueSource(
            strings = {
                "plain ASCII, with \\x1b as typed",
                "caf\u00e9 \u4f60\u597d \u0645\u0631\u062d\u0628\u0627",
                "\ud83d\udd10 \ud83d\udc68\u200d\ud83d\udc69\u200d\ud83d\udc67 \u0915\u094d\u200d\u0937",
                "\u0645\u06cc\u200c\u062e\u0648\u0627\u0647\u0645",
                ""
            })
    void keepsPrintableTextIncludingJoinersAsItIs(String text) {
        assertThat(PeerText.escape(text)).isSameAs(text);
    }

    @Test
    void continuationLinesCannotPassForAHeader() {
        String header = "SHA256:AbCdEfGh\u2026 #1: ";
        assertThat(PeerText.lines(header, "line1\nSHA256:XyZXyZXy\u2026 #2: fake\r\n\u001b[A"))
                .containsExactly(header + "line1", "  | SHA256:XyZXyZXy\u2026 #2: fake", "  | \\x1b[A");
        assertThat(PeerText.lines(header, "")).containsExactly(header);
        assertThat(PeerText.lines(header, "a\n")).containsExactly(header + "a", "  | ");
        assertThat(PeerText.lines(header, "a\rb")).containsExactly(header + "a\\x0db");
    }

    @Test
    void noOutputLineHoldsAnUnsafeCharacterOrStartsLikeAHeader() {
        // Text made of what matters most: controls, format characters, separators, surrogates.
        char[] alphabet = ("ab \\\n\r\t\u001b\u007f\u0085\u009b\u00ad\u061c\u200b\u200c\u200d\u200e"
                        + "\u2028\u2029\u202a\u202e\u2066\u2069\ufeff\ud800\udc00\udb40\udc41")
                .toCharArray();
        Random random = new Random(20_260_101L);
        String header = "SHA256:AbCdEfGh\u2026 #1: ";
        for (int round = 0; round < 2_000; round++) {
            StringBuilder b = new StringBuilder();
            for (int i = random.nextInt(40); i > 0; i--) {
                b.append(alphabet[random.nextInt(alphabet.length)]);
            }
            String text = b.toString();
            List<String> lines = PeerText.lines(header, text);
            assertThat(lines.get(0)).startsWith(header);
            for (int i = 0; i < lines.size(); i++) {
                String line = lines.get(i);
                assertThat(line.codePoints().filter(PeerText::isUnsafe).toArray())
                        .as("%s", text)
                        .isEmpty();
                if (i > 0) {
                    assertThat(line).startsWith(PeerText.CONTINUATION);
                }
            }
        }
    }
}
