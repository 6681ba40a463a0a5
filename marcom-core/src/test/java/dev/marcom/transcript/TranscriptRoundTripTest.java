package dev.marcom.transcript;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.marcom.Direction;
import dev.marcom.Fingerprint;
import dev.marcom.internal.crypto.Sha256;
import dev.marcom.session.VerifiedMessage;
import dev.marcom.testing.TestIdentities;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(120)
class TranscriptRoundTripTest {
    @TempDir
    static Path dir;

    static Transcripts.Recorded recorded;

    @BeforeAll
    static void record() throws Exception {
        recorded = Transcripts.record(dir);
    }

    /**
     * How many of the other direction's messages the sender of each message of
     * {@link Transcripts#SCRIPT} had seen: each side receives every message before the next step.
     */
    static final long[] SEEN = {0, 1, 1, 1, 3, 2, 2};

    @Test
    void bothSidesVerify() throws Exception {
        TranscriptSummary client = TranscriptVerifier.create().verify(recorded.client());
        TranscriptSummary server = TranscriptVerifier.create().verify(recorded.server());
        for (TranscriptSummary s : List.of(client, server)) {
            assertThat(s.messages()).isEqualTo(7);
            assertThat(s.closed()).isTrue();
            assertThat(s.sessions()).hasSize(1);
            TranscriptSummary.SessionSummary session = s.sessions().get(0);
            assertThat(session.sessionId())
                    .isEqualTo(recorded.clientSide().get(0).sessionId());
            assertThat(session.messages(Direction.CLIENT_TO_SERVER)).isEqualTo(5);
            assertThat(session.messages(Direction.SERVER_TO_CLIENT)).isEqualTo(2);
            assertThat(session.signer(Direction.CLIENT_TO_SERVER)).contains(TestIdentities.ALICE.fingerprint());
            assertThat(session.signer(Direction.SERVER_TO_CLIENT)).contains(TestIdentities.BOB.fingerprint());
        }
        assertThat(client.writer()).isEqualTo(TestIdentities.ALICE.fingerprint());
        assertThat(server.writer()).isEqualTo(TestIdentities.BOB.fingerprint());
    }

    @Test
    void linesHoldTheDocumentedFieldsAndParseAsJson() throws Exception {
        ObjectMapper json = new ObjectMapper();
        List<String> lines = Files.readAllLines(recorded.client(), StandardCharsets.UTF_8);
        assertThat(lines).hasSize(8);
        for (int i = 0; i < 7; i++) {
            VerifiedMessage m = recorded.clientSide().get(i);
            JsonNode n = json.readTree(lines.get(i));
            assertThat(n.get("v").asInt()).isEqualTo(2);
            assertThat(n.get("kind").asText()).isEqualTo("message");
            assertThat(n.get("session").asText()).isEqualTo(m.sessionId().hex());
            assertThat(n.get("direction").asText())
                    .isEqualTo(m.direction() == Direction.CLIENT_TO_SERVER ? "client-to-server" : "server-to-client");
            assertThat(n.get("seq").asLong()).isEqualTo(m.sequence());
            assertThat(n.get("seen").asLong()).isEqualTo(SEEN[i]);
            assertThat(n.get("sender").asText())
                    .isEqualTo(m.signer().fingerprint().toString());
            assertThat(Base64.getDecoder().decode(n.get("signer").asText()))
                    .isEqualTo(m.signer().subjectPublicKeyInfo().toByteArray());
            assertThat(Base64.getDecoder().decode(n.get("signedData").asText()))
                    .isEqualTo(m.signedData().toByteArray());
            assertThat(Base64.getDecoder().decode(n.get("signature").asText()))
                    .isEqualTo(m.signature().toByteArray());
            assertThat(n.get("sha256").asText()).isEqualTo(HexFormat.of().formatHex(Sha256.hash(m.plaintext())));
            byte[] payload = n.has("text")
                    ? n.get("text").asText().getBytes(StandardCharsets.UTF_8)
                    : Base64.getDecoder().decode(n.get("base64").asText());
            assertThat(payload).isEqualTo(m.plaintext());
            assertThat(n.has("text")).isNotEqualTo(n.has("base64"));
            assertThat(n.get("timestamp").asText())
                    .isEqualTo(java.time.Instant.parse("2026-11-25T20:00:00Z")
                            .plusMillis(1500L * i)
                            .toString());
            assertThat(n.get("prev").asText())
                    .isEqualTo(
                            i == 0
                                    ? "0".repeat(64)
                                    : HexFormat.of()
                                            .formatHex(
                                                    Sha256.hash(lines.get(i - 1).getBytes(StandardCharsets.UTF_8))));
            assertThat(Fingerprint.parse(n.get("writer").asText())).isEqualTo(TestIdentities.ALICE.fingerprint());
        }
        // The payload that is not UTF-8 is the sixth message; it is written as base64 only.
        assertThat(json.readTree(lines.get(5)).has("base64")).isTrue();
        assertThat(json.readTree(lines.get(2)).get("text").asText()).isEmpty();
        JsonNode end = json.readTree(lines.get(7));
        assertThat(end.get("kind").asText()).isEqualTo("end");
        assertThat(end.get("messages").asLong()).isEqualTo(7);
        assertThat(Files.readString(recorded.client())).endsWith("}\n");
    }

    @Test
    void bothTranscriptsRecordTheSameSignedMessages() throws Exception {
        ObjectMapper json = new ObjectMapper();
        List<String> c = Files.readAllLines(recorded.client(), StandardCharsets.UTF_8);
        List<String> s = Files.readAllLines(recorded.server(), StandardCharsets.UTF_8);
        for (int i = 0; i < 7; i++) {
            JsonNode a = json.readTree(c.get(i));
            JsonNode b = json.readTree(s.get(i));
            for (String field : List.of(
                    "session", "direction", "seq", "seen", "sender", "signer", "signedData", "signature", "sha256")) {
                assertThat(b.get(field)).as(field).isEqualTo(a.get(field));
            }
            assertThat(b.get("writer")).isNotEqualTo(a.get("writer"));
        }
    }
}
