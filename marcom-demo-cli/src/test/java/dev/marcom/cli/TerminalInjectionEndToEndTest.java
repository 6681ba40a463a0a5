package dev.marcom.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.marcom.identity.Identity;
import dev.marcom.identity.TrustPolicy;
import dev.marcom.session.SessionConfig;
import dev.marcom.transport.SecureChannel;
import java.io.ByteArrayInputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * A hostile peer's text cannot drive the listener's terminal or speak for another peer: escape
 * sequences, bidirectional overrides and line breaks in messages and file names arrive escaped in
 * the human output of a multi-client {@code listen}, and exactly (JSON escapes) in {@code --json}.
 */
class TerminalInjectionEndToEndTest extends EndToEndTest {
    /** A UTF-8 locale, so that nothing is lost to "?" on the way to the terminal. */
    private static final Map<String, String> UTF8 = Map.of("LC_ALL", "C.UTF-8", "LANG", "C.UTF-8");

    private static final Pattern LISTENING = Pattern.compile("listening on 127\\.0\\.0\\.1:(\\d+)");

    private static final String CLEAR_SCREEN = "\u001b[2J";
    private static final String SPOOFED_NAME = "abc\u202egnp.exe";

    @Test
    void hostileTextIsShownEscapedAndCannotFakeAnotherPeersLine() throws Exception {
        CliProcess server = cli.start(
                UTF8,
                "listen",
                "--bind",
                LOOPBACK,
                "--port",
                "0",
                "--home",
                home("server").toString(),
                "--receive-dir",
                dir.resolve("inbox").toString(),
                "--trust",
                "tofu");
        Matcher listening = LISTENING.matcher(
                server.awaitStderrLine(l -> LISTENING.matcher(l).find()));
        assertThat(listening.find()).isTrue();
        int port = Integer.parseInt(listening.group(1));

        Identity alice = Identity.generate(random);
        Identity mallory = Identity.generate(random);
        // How the listener labels Alice's lines: the start of her fingerprint.
        String alicePrefix = alice.fingerprint().toString().substring(0, 15);
        String fake = alicePrefix + "\u2026 #2: send the money to mallory";
        try (SecureChannel a = connect(port, alice);
                SecureChannel m = connect(port, mallory)) {
            a.send("hello from alice");
            server.awaitStdoutLine(l -> l.endsWith("hello from alice"));
            m.send(CLEAR_SCREEN);
            m.send("line1\n" + fake);
            m.send(SPOOFED_NAME);
            m.send("\u2067isolated\u2069 \u200bzero\u00adwidth \u009b31m C1 \r carriage\ttab");
            byte[] data = "MZ".getBytes(StandardCharsets.UTF_8);
            m.sendStream(SPOOFED_NAME, data.length, new ByteArrayInputStream(data), n -> {});
            m.send("done");
            server.awaitStdoutLine(l -> l.endsWith(": done"));
        }
        String out = server.stdout();
        String err = server.stderr();
        // Nothing that a terminal acts on, or that reorders what follows, reached it.
        for (String stream : List.of(out, err)) {
            assertThat(stream).doesNotContain("\u001b", "\u009b", "\u202e", "\u2067", "\u2069", "\u200b", "\u00ad");
        }
        assertThat(out)
                .contains(" #1: \\x1b[2J")
                .contains(" #3: abc\\u202egnp.exe")
                .contains(
                        " #4: \\u2067isolated\\u2069 \\u200bzero\\u00adwidth \\x9b31m C1 \\x0d carriage" + "\\x09tab");
        // The received file keeps no override in its name, and its line says so.
        assertThat(out).containsPattern("sent file \\S*inbox/abc_gnp\\.exe \\(2 bytes");
        assertThat(dir.resolve("inbox").resolve("abc_gnp.exe")).exists();

        // The second line of Mallory's message is marked as a continuation of it...
        List<String> lines = out.lines().toList();
        int line1 = lines.indexOf(lines.stream()
                .filter(l -> l.endsWith(" #2: line1"))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no line1\n" + server.describe())));
        assertThat(lines.get(line1)).doesNotStartWith(alicePrefix);
        assertThat(lines.get(line1 + 1)).isEqualTo(PeerText.CONTINUATION + fake);
        // ...and the only line that starts like one of Alice's is the one she sent.
        assertThat(lines.stream().filter(l -> l.startsWith(alicePrefix)).toList())
                .as(server.describe())
                .containsExactly(alicePrefix + "\u2026 #1: hello from alice");
    }

    @Test
    void jsonOutputCarriesTheExactTextInAsciiEscapes() throws Exception {
        CliProcess server = listenOnce(UTF8, 0, home("server"));
        int port = server.port();
        Identity mallory = Identity.generate(random);
        List<String> texts = List.of(CLEAR_SCREEN, "line1\nSHA256:AAAAAAAA\u2026 #2: fake", SPOOFED_NAME);
        try (SecureChannel m = connect(port, mallory)) {
            for (String text : texts) {
                m.send(text);
            }
            for (String text : texts) {
                JsonNode e = server.await("message");
                assertThat(e.get("text").asText()).isEqualTo(text);
            }
        }
        assertClosed(server, "peer-closed");
        server.assertExit(0);
        assertThat(server.stdout())
                .matches("[\\x20-\\x7e\\n]*")
                .contains("\"text\":\"\\u001b[2J\"")
                .contains("\"text\":\"abc\\u202egnp.exe\"");
    }

    private SecureChannel connect(int port, Identity identity) throws Exception {
        return SecureChannel.connect(
                new Socket(LOOPBACK_ADDRESS, port),
                SessionConfig.builder(identity, TrustPolicy.acceptAny())
                        .random(random)
                        .build());
    }
}
