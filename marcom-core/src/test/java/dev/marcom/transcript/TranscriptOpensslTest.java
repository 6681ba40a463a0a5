package dev.marcom.transcript;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The signatures in a transcript verify with the real {@code openssl}, from nothing but the
 * line: {@code signer} as PEM, {@code signedData} and {@code signature} as files; the writer's
 * signature likewise over the documented label and line prefix.
 */
@Timeout(300)
class TranscriptOpensslTest {
    static final String OPENSSL = "/usr/bin/openssl";

    @TempDir
    static Path dir;

    static List<String> lines;

    @BeforeAll
    static void record() throws Exception {
        assumeTrue(Files.isExecutable(Path.of(OPENSSL)), "openssl is not installed");
        lines = Files.readAllLines(Transcripts.record(dir).client(), StandardCharsets.UTF_8);
    }

    static String pem(byte[] spki) {
        return "-----BEGIN PUBLIC KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                        .encodeToString(spki)
                + "\n-----END PUBLIC KEY-----\n";
    }

    static String openssl(Path key, Path signature, Path data) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(
                        OPENSSL,
                        "dgst",
                        "-sha256",
                        "-verify",
                        key.toString(),
                        "-signature",
                        signature.toString(),
                        data.toString())
                .redirectErrorStream(true)
                .start();
        p.getOutputStream().close();
        byte[] out = p.getInputStream().readAllBytes();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new String(out, StandardCharsets.UTF_8);
    }

    static void check(Path work, byte[] spki, byte[] data, byte[] signature) throws Exception {
        Path key = Files.writeString(work.resolve("signer.pem"), pem(spki));
        Path sig = Files.write(work.resolve("sig.der"), signature);
        Path signed = Files.write(work.resolve("signed.bin"), data);
        assertThat(openssl(key, sig, signed)).startsWith("Verified OK");
        byte[] tampered = data.clone();
        tampered[tampered.length / 2] ^= 1;
        Files.write(signed, tampered);
        assertThat(openssl(key, sig, signed)).contains("Verification failure");
    }

    @Test
    void messageSignaturesVerifyWithOpenssl() throws Exception {
        ObjectMapper json = new ObjectMapper();
        Base64.Decoder b64 = Base64.getDecoder();
        int checked = 0;
        for (int i = 0; i < lines.size(); i++) {
            JsonNode n = json.readTree(lines.get(i));
            if (!n.get("kind").asText().equals("message")) {
                continue;
            }
            Path work = Files.createDirectories(dir.resolve("message-" + i));
            check(
                    work,
                    b64.decode(n.get("signer").asText()),
                    b64.decode(n.get("signedData").asText()),
                    b64.decode(n.get("signature").asText()));
            checked++;
        }
        assertThat(checked).isEqualTo(7);
    }

    @Test
    void writerSignaturesVerifyWithOpenssl() throws Exception {
        ObjectMapper json = new ObjectMapper();
        Base64.Decoder b64 = Base64.getDecoder();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            JsonNode n = json.readTree(line);
            // The documented rule: the line up to ,"writerSignature": and a closing brace.
            String unsigned = line.substring(0, line.lastIndexOf(",\"writerSignature\":")) + "}";
            byte[] label = "MARCOM v1, transcript line\0".getBytes(StandardCharsets.US_ASCII);
            byte[] body = unsigned.getBytes(StandardCharsets.UTF_8);
            byte[] data = new byte[label.length + body.length];
            System.arraycopy(label, 0, data, 0, label.length);
            System.arraycopy(body, 0, data, label.length, body.length);
            Path work = Files.createDirectories(dir.resolve("line-" + i));
            check(
                    work,
                    b64.decode(n.get("writerKey").asText()),
                    data,
                    b64.decode(n.get("writerSignature").asText()));
        }
    }

    static byte[] sha256(Path file) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(OPENSSL, "dgst", "-sha256", "-binary", file.toString())
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        p.getOutputStream().close();
        byte[] out = p.getInputStream().readAllBytes();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(out).hasSize(32);
        return out;
    }

    /**
     * The documented layout, checked with OpenSSL's SHA-256 only: bytes 27..58 of
     * {@code signedData} are the hash of {@code signer}'s DER key; the hash of a line's
     * {@code signedData} (its head) is the previous head (bytes 100..131) of the next line of its
     * direction and the seen head (bytes 140..171) of the other direction's lines that say they
     * had seen it; the last 32 bytes are SHA-256 of the text.
     */
    @Test
    void signedDataNamesTheSignerAndChainsAsDocumented() throws Exception {
        ObjectMapper json = new ObjectMapper();
        Base64.Decoder b64 = Base64.getDecoder();
        java.util.Map<String, java.util.List<byte[]>> heads = new java.util.HashMap<>();
        heads.put("client-to-server", new java.util.ArrayList<>());
        heads.put("server-to-client", new java.util.ArrayList<>());
        for (int i = 0; i < lines.size() - 1; i++) {
            JsonNode n = json.readTree(lines.get(i));
            String direction = n.get("direction").asText();
            String other = direction.equals("client-to-server") ? "server-to-client" : "client-to-server";
            Path work = Files.createDirectories(dir.resolve("layout-" + i));
            byte[] signed = b64.decode(n.get("signedData").asText());
            assertThat(signed).hasSize(204);
            assertThat(new String(signed, 0, 27, StandardCharsets.US_ASCII)).isEqualTo("MARCOM v1, chained message\0");
            Path key = Files.write(
                    work.resolve("signer.der"), b64.decode(n.get("signer").asText()));
            assertThat(java.util.Arrays.copyOfRange(signed, 27, 59)).isEqualTo(sha256(key));
            java.util.List<byte[]> own = heads.get(direction);
            byte[] previous = own.isEmpty() ? new byte[32] : own.get(own.size() - 1);
            assertThat(java.util.Arrays.copyOfRange(signed, 100, 132)).isEqualTo(previous);
            int seen = n.get("seen").asInt();
            assertThat(java.nio.ByteBuffer.wrap(signed, 132, 8).getLong()).isEqualTo(seen);
            byte[] seenHead = seen == 0 ? new byte[32] : heads.get(other).get(seen - 1);
            assertThat(java.util.Arrays.copyOfRange(signed, 140, 172)).isEqualTo(seenHead);
            if (n.has("text")) {
                Path text =
                        Files.writeString(work.resolve("text"), n.get("text").asText());
                assertThat(java.util.Arrays.copyOfRange(signed, 172, 204)).isEqualTo(sha256(text));
            }
            own.add(sha256(Files.write(work.resolve("signed.bin"), signed)));
        }
        assertThat(heads.get("client-to-server")).hasSize(5);
        assertThat(heads.get("server-to-client")).hasSize(2);
    }
}
