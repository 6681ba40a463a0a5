package dev.marcom.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The CLI's life as a Unix tool, with real processes: SIGTERM ends sessions with close_notify,
 * {@code listen} without input keeps serving, slash commands stay local, and a chat between two
 * ends with one identity is flagged.
 */
class LifecycleEndToEndTest extends EndToEndTest {

    @Test
    void sigtermToConnectSendsCloseNotifySoTheListenerSeesACleanClose() {
        CliProcess server = listenOnce(home("server"));
        CliProcess client = connect(server.port(), home("client"));
        client.await("connected");
        client.println("about to be terminated");
        assertThat(server.await("message").get("text").asText()).isEqualTo("about to be terminated");

        client.terminate();
        assertClosed(client, "local-closed");
        client.assertExit(143);
        assertThat(client.stderr()).contains("marcom: signal received: closing the session cleanly");
        // The listener read close_notify: a clean close by the peer, not a lost connection.
        assertClosed(server, "peer-closed");
        server.assertExit(0);
        assertThat(server.events("error")).isEmpty();
        assertThat(server.stderr()).doesNotContain("network failure").doesNotContain("connection-lost");
    }

    @Test
    void listenWithoutInputKeepsServingUntilSigtermAndThenClosesCleanly() throws Exception {
        Path serverHome = home("server");
        Path transcript = dir.resolve("server.jsonl");
        CliProcess server = cli.start(
                "listen",
                "--bind",
                LOOPBACK,
                "--port",
                "0",
                "--json",
                "--home",
                serverHome.toString(),
                "--transcript",
                transcript.toString(),
                "--trust",
                "tofu");
        server.closeStdin(); // as `listen < /dev/null`
        int port = server.port();
        server.awaitStderrLine("marcom: no more input; serving until interrupted (Ctrl-C or " + "SIGTERM)");

        // A first client chats and leaves; the listener is still there for the next.
        CliProcess first = connect(port, home("first"));
        first.await("connected");
        server.await("connected");
        first.println("one");
        assertThat(server.await("message").get("text").asText()).isEqualTo("one");
        first.println("/quit");
        first.assertExit(0);
        assertClosed(server, "peer-closed");
        assertThat(server.isAlive()).isTrue();

        CliProcess second = connect(port, home("second"));
        second.await("connected");
        server.await("connected");
        second.println("two");
        assertThat(server.await("message").get("text").asText()).isEqualTo("two");

        // SIGTERM: the connected client hears close_notify, the transcript gets its end line.
        server.terminate();
        assertClosed(server, "local-closed");
        server.assertExit(143);
        assertClosed(second, "peer-closed");
        second.assertExit(0);
        CliProcess verify = cli.run("verify", transcript.toString());
        assertThat(verify.awaitExit()).as(verify.describe()).isZero();
        assertThat(verify.stdout()).contains(": OK, 2 messages verified");
    }

    @Test
    void unknownCommandsAndEmptyLinesStayLocalAndHelpListsTheCommands() {
        CliProcess server = listenOnce(home("server"));
        CliProcess client = connect(server.port(), home("client"));
        client.await("connected");
        server.await("connected");

        client.println("/qiut");
        JsonNode refused = client.await("error");
        assertThat(refused.get("message").asText()).isEqualTo("unknown command /qiut; /help lists commands");
        client.println("/help");
        client.println("");
        client.println("   ");
        client.println("/send");
        assertThat(client.await("error").get("message").asText()).isEqualTo("usage: /send PATH");
        client.println("//etc/hosts is a path, not a command");
        client.println("last");

        // Only the two messages arrive, as #1 and #2: nothing else was sent.
        JsonNode m1 = server.await("message");
        JsonNode m2 = server.await("message");
        assertThat(List.of(m1.get("seq").asLong(), m2.get("seq").asLong())).containsExactly(1L, 2L);
        assertThat(m1.get("text").asText()).isEqualTo("/etc/hosts is a path, not a command");
        assertThat(m2.get("text").asText()).isEqualTo("last");
        client.println("/quit");
        client.assertExit(0);
        server.assertExit(0);
        assertThat(server.events("message")).hasSize(2);
        assertThat(server.stdout()).doesNotContain("qiut");

        assertThat(client.stderr())
                .contains("marcom: unknown command /qiut; /help lists commands\n")
                .contains("commands:\n"
                        + "  /send PATH   send a file (signed, verified by the peer before it is saved)\n"
                        + "  /quit        close the session(s) cleanly and exit\n"
                        + "  /help        this list\n");
    }

    @Test
    void bothEndsWithOneIdentityHomeAreWarnedLoudly() {
        Path shared = home("shared");
        String fp = fingerprint(shared);
        CliProcess server = listenOnce(shared);
        CliProcess client = connect(server.port(), shared);
        String expected = "the peer has YOUR identity " + fp + ": both ends use the same identity "
                + "home; this is not a real check of who is on the other end";
        for (CliProcess p : List.of(client, server)) {
            p.await("connected");
            JsonNode warning = p.await("warning");
            assertThat(warning.get("kind").asText()).isEqualTo("same-identity");
            assertThat(warning.get("message").asText()).isEqualTo(expected);
        }
        client.println("/quit");
        client.assertExit(0);
        server.assertExit(0);
        assertThat(client.stderr()).contains("warning: " + expected + "\n");
        assertThat(server.stderr()).contains("warning: " + expected + "\n");
    }
}
