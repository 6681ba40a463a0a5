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
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Chat and file transfer between real {@code listen} and {@code connect} processes. */
class ChatEndToEndTest extends EndToEndTest {
    private static final String SAFETY_NUMBER = "(\\d{5} ){11}\\d{5}";

    @Test
    void chatBothWaysThenQuitAndThenSigtermOnASecondConnection() {
        Path serverHome = dir.resolve("server");
        Path clientHome = dir.resolve("client");

        // First contact: both homes are created on first use. The C locale makes Java's default
        // charset ASCII: the JSON events must still carry non-ASCII text exactly.
        Map<String, String> asciiLocale = Map.of("LC_ALL", "C", "LANG", "C");
        CliProcess server = listenOnce(asciiLocale, 0, serverHome);
        int port = server.port();
        CliProcess client = connect(asciiLocale, port, clientHome);
        JsonNode cc = client.await("connected");
        JsonNode sc = server.await("connected");
        String serverFp = fingerprint(serverHome);
        String clientFp = fingerprint(clientHome);
        assertThat(cc.get("peer").asText()).isEqualTo(serverFp);
        assertThat(sc.get("peer").asText()).isEqualTo(clientFp);
        assertThat(cc.get("safety_number").asText())
                .matches(SAFETY_NUMBER)
                .isEqualTo(sc.get("safety_number").asText());
        String firstSession = cc.get("session").asText();
        assertThat(firstSession)
                .matches("[0-9a-f]{64}")
                .isEqualTo(sc.get("session").asText());
        assertThat(cc.get("suite").asText()).isEqualTo(sc.get("suite").asText());
        assertThat(cc.get("new_peer").asBoolean()).isTrue();
        assertThat(sc.get("new_peer").asBoolean()).isTrue();

        String[] fromClient = {
            "hello from the client", "second, with \u00fcn\u00efc\u00f6d\u00e9, \"quotes\", \\, \ud83d\udd10 and \u2028"
        };
        // Empty and blank lines are not sent: the next message is #2.
        String[] typedOnServer = {"hello from the server", "", "   ", "third"};
        String[] fromServer = {"hello from the server", "third"};
        for (String text : fromClient) {
            client.println(text);
        }
        for (String text : typedOnServer) {
            server.println(text);
        }
        assertMessages(server, clientFp, fromClient);
        assertMessages(client, serverFp, fromServer);
        // Two identity homes: no same-identity warning.
        assertThat(client.events("warning")).isEmpty();
        assertThat(server.events("warning")).isEmpty();

        client.println("/quit");
        client.assertExit(0);
        server.assertExit(0);
        assertClosed(client, "local-closed");
        assertClosed(server, "peer-closed");

        // Second connection with the same homes and address: the client now knows the server.
        server = listenOnce(port, serverHome);
        assertThat(server.port()).isEqualTo(port);
        client = connect(port, clientHome);
        cc = client.await("connected");
        sc = server.await("connected");
        assertThat(cc.get("new_peer").asBoolean()).isFalse();
        assertThat(cc.get("peer").asText()).isEqualTo(serverFp);
        // The listening side recorded the client in authorized_peers on first contact.
        assertThat(sc.get("new_peer").asBoolean()).isFalse();
        assertThat(cc.get("safety_number").asText())
                .isEqualTo(sc.get("safety_number").asText());
        assertThat(cc.get("session").asText())
                .isEqualTo(sc.get("session").asText())
                .isNotEqualTo(firstSession);

        // End of input on the listening side does not end the session: it keeps serving.
        server.closeStdin();
        server.awaitStderrLine(
                "marcom: no more input; serving until interrupted (Ctrl-C or " + "SIGTERM) or the session ends");
        client.println("again");
        JsonNode again = server.await("message");
        assertThat(again.get("seq").asLong()).isEqualTo(1);
        assertThat(again.get("text").asText()).isEqualTo("again");

        // SIGTERM to the listening side closes the session cleanly (close_notify) before it exits
        // with 143, as a process ended by SIGTERM does.
        server.terminate();
        assertClosed(server, "local-closed");
        server.assertExit(143);
        assertThat(server.stderr()).contains("marcom: signal received: closing the session cleanly");
        assertClosed(client, "peer-closed");
        client.assertExit(0);
    }

    private static void assertMessages(CliProcess receiver, String senderFp, String... texts) {
        for (int i = 0; i < texts.length; i++) {
            JsonNode m = receiver.await("message");
            assertThat(m.get("seq").asLong()).as("seq of %s", m).isEqualTo(i + 1);
            assertThat(m.get("text").asText()).isEqualTo(texts[i]);
            assertThat(m.get("sha256").asText()).isEqualTo(sha256Hex(texts[i].getBytes(StandardCharsets.UTF_8)));
            assertThat(m.get("peer").asText()).isEqualTo(senderFp);
        }
    }

    @Test
    void sendsAFileThatArrivesIntactAndVerified() throws Exception {
        byte[] data = new byte[3 * 1024 * 1024 + 12_345];
        random.nextBytes(data);
        Path file = dir.resolve("payload.bin");
        Files.write(file, data);
        Path receive = dir.resolve("inbox");

        CliProcess server = listenOnce(home("server"), "--receive-dir", receive.toString());
        CliProcess client = connect(server.port(), home("client"));
        client.await("connected");
        client.println("here it comes");
        client.println("/send " + file);
        client.println("and a message after it");

        JsonNode m1 = server.await("message");
        JsonNode f = server.await("file");
        JsonNode m2 = server.await("message");
        assertThat(m1.get("seq").asLong()).isEqualTo(1);
        assertThat(m2.get("seq").asLong()).isEqualTo(2);
        assertThat(m2.get("text").asText()).isEqualTo("and a message after it");
        assertThat(f.get("seq").asLong()).isEqualTo(1);
        assertThat(f.get("name").asText()).isEqualTo("payload.bin");
        assertThat(f.get("size").asLong()).isEqualTo(data.length);
        assertThat(f.get("sha256").asText()).isEqualTo(sha256Hex(data));
        assertThat(f.get("peer").asText()).isEqualTo(fingerprint(dir.resolve("client")));
        Path saved = Path.of(f.get("path").asText());
        assertThat(saved).isEqualTo(receive.resolve("payload.bin").toAbsolutePath());
        assertThat(Files.readAllBytes(saved)).isEqualTo(data);

        client.println("/quit");
        client.assertExit(0);
        server.assertExit(0);
        // Progress on stderr (a line per quarter, as stderr is not a terminal).
        assertThat(server.stderr()).contains("receiving payload.bin: 100% of " + data.length);
        assertThat(client.stderr())
                .contains("sent payload.bin (" + data.length + " bytes, sha256 " + sha256Hex(data) + ")");
        try (Stream<Path> files = Files.list(receive)) {
            assertThat(files.map(p -> p.getFileName().toString()).toList()).containsExactly("payload.bin");
        }
    }

    @Test
    void aPeerSuppliedFileNameCannotEscapeTheReceiveDirectory() throws Exception {
        Path outside = dir.resolve("a");
        Path receive = outside.resolve("b").resolve("inbox");
        CliProcess server = listenOnce(home("server"), "--receive-dir", receive.toString());
        int port = server.port();

        // A hostile peer speaking the protocol through the library: genuine identity, evil names.
        Identity mallory = Identity.generate(random);
        byte[] data = "not what you expected".getBytes(StandardCharsets.UTF_8);
        List<String> names = List.of("../../evil", "..\\..\\evil", "/etc/.hidden");
        try (SecureChannel ch = SecureChannel.connect(
                new Socket(LOOPBACK_ADDRESS, port),
                SessionConfig.builder(mallory, TrustPolicy.acceptAny())
                        .random(random)
                        .build())) {
            for (String name : names) {
                ch.sendStream(name, data.length, new ByteArrayInputStream(data), n -> {});
            }
            List<String> saved = names.stream()
                    .map(n -> server.await("file"))
                    .map(f -> {
                        Path p = Path.of(f.get("path").asText());
                        assertThat(p.getParent()).isEqualTo(receive.toAbsolutePath());
                        assertThat(f.get("sha256").asText()).isEqualTo(sha256Hex(data));
                        return f.get("name").asText();
                    })
                    .toList();
            // Base names only, no leading dots, and an existing file is never overwritten.
            assertThat(saved).containsExactly("evil", "evil (1)", "hidden");
        }
        server.assertExit(0);
        assertClosed(server, "peer-closed");
        assertThat(outside.resolve("evil")).doesNotExist();
        assertThat(dir.resolve("evil")).doesNotExist();
        try (Stream<Path> files = Files.list(receive)) {
            assertThat(files.map(p -> p.getFileName().toString()).sorted().toList())
                    .containsExactly("evil", "evil (1)", "hidden");
        }
        assertThat(Files.readAllBytes(receive.resolve("evil"))).isEqualTo(data);
    }
}
