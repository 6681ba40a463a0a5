package dev.marcom.transcript;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.marcom.SignatureAlgorithm;
import dev.marcom.identity.Identity;
import dev.marcom.identity.TrustPolicy;
import dev.marcom.session.SessionConfig;
import dev.marcom.transport.InMemoryFrameChannel;
import dev.marcom.transport.SecureChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Signed transcripts for every signature algorithm: MARCOM's verifier accepts them and counts the
 * messages, and an Ed25519 transcript's message and line signatures verify with the real OpenSSL
 * 3.0 ({@code openssl pkeyutl -verify -rawin}) from nothing but the line.
 */
class TranscriptSchemesTest {
    private static final SecureRandom RANDOM = new SecureRandom();

    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(SignatureAlgorithm.class)
    void transcriptsOfEveryAlgorithmVerify(SignatureAlgorithm algorithm) throws Exception {
        Path file = conversation(algorithm);
        TranscriptSummary summary = TranscriptVerifier.create().verify(file);
        assertThat(summary.messages()).isEqualTo(3);
        assertThat(summary.closed()).isTrue();
        // One flipped byte in the last message's signature is caught.
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        String last = lines.get(2);
        int at = last.indexOf("\"signature\":\"") + 14;
        char c = last.charAt(at);
        lines.set(2, last.substring(0, at) + (c == 'A' ? 'B' : 'A') + last.substring(at + 1));
        Path tampered = Files.write(dir.resolve("tampered.jsonl"), lines, StandardCharsets.UTF_8);
        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () -> TranscriptVerifier.create().verify(tampered))
                .isInstanceOf(TranscriptException.class);
    }

    @Test
    void ed25519SignaturesInATranscriptVerifyWithOpenSsl() throws Exception {
        assumeThat(Files.isExecutable(Path.of(TranscriptOpensslTest.OPENSSL))).isTrue();
        Path file = conversation(SignatureAlgorithm.ED25519);
        ObjectMapper json = new ObjectMapper();
        Base64.Decoder b64 = Base64.getDecoder();
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        int messages = 0;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            JsonNode n = json.readTree(line);
            Path work = Files.createDirectories(dir.resolve("line-" + i));
            if (n.get("kind").asText().equals("message")) {
                assertThat(pkeyutlVerifies(
                                work,
                                b64.decode(n.get("signer").asText()),
                                b64.decode(n.get("signedData").asText()),
                                b64.decode(n.get("signature").asText())))
                        .isTrue();
                messages++;
            }
            String unsigned = line.substring(0, line.lastIndexOf(",\"writerSignature\":")) + "}";
            byte[] label = "MARCOM v1, transcript line\0".getBytes(StandardCharsets.US_ASCII);
            byte[] body = unsigned.getBytes(StandardCharsets.UTF_8);
            byte[] data = new byte[label.length + body.length];
            System.arraycopy(label, 0, data, 0, label.length);
            System.arraycopy(body, 0, data, label.length, body.length);
            byte[] signature = b64.decode(n.get("writerSignature").asText());
            byte[] key = b64.decode(n.get("writerKey").asText());
            assertThat(pkeyutlVerifies(work, key, data, signature)).isTrue();
            data[data.length / 2] ^= 1;
            assertThat(pkeyutlVerifies(work, key, data, signature)).isFalse();
        }
        assertThat(messages).isEqualTo(3);
    }

    /** Two Ed25519 or other identities exchange three messages; the client writes the transcript. */
    private Path conversation(SignatureAlgorithm algorithm) throws Exception {
        Identity alice = Identity.generate(algorithm, RANDOM);
        Identity bob = Identity.generate(algorithm, RANDOM);
        InMemoryFrameChannel.Pair p = InMemoryFrameChannel.pair();
        CompletableFuture<SecureChannel> server = CompletableFuture.supplyAsync(() -> {
            try {
                return SecureChannel.accept(
                        p.server(),
                        SessionConfig.builder(bob, TrustPolicy.acceptAny()).build());
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        SecureChannel client = SecureChannel.connect(
                p.client(),
                SessionConfig.builder(alice, TrustPolicy.acceptAny()).build());
        SecureChannel s = server.get(60, TimeUnit.SECONDS);
        Path file = dir.resolve(algorithm.shortName() + ".jsonl");
        try (TranscriptWriter w = TranscriptWriter.builder(file, alice).open()) {
            w.append(client.send("hello".getBytes(StandardCharsets.UTF_8)));
            assertThat(s.receive()).isPresent();
            s.send("hi".getBytes(StandardCharsets.UTF_8));
            w.append(client.receive().orElseThrow());
            w.append(client.send("bye".getBytes(StandardCharsets.UTF_8)));
            assertThat(s.receive()).isPresent();
        }
        client.close();
        s.receive();
        s.close();
        return file;
    }

    private static boolean pkeyutlVerifies(Path work, byte[] spki, byte[] data, byte[] signature) throws Exception {
        Files.writeString(work.resolve("signer.pem"), TranscriptOpensslTest.pem(spki));
        Files.write(work.resolve("sig.bin"), signature);
        Files.write(work.resolve("data.bin"), data);
        Process p = new ProcessBuilder(
                        TranscriptOpensslTest.OPENSSL,
                        "pkeyutl",
                        "-verify",
                        "-pubin",
                        "-inkey",
                        "signer.pem",
                        "-rawin",
                        "-in",
                        "data.bin",
                        "-sigfile",
                        "sig.bin")
                .directory(work.toFile())
                .redirectErrorStream(true)
                .start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return p.exitValue() == 0 && out.contains("Signature Verified Successfully");
    }
}
