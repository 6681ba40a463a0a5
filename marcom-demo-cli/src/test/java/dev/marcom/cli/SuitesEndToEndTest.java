package dev.marcom.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.marcom.SignatureAlgorithm;
import dev.marcom.identity.IdentityFiles;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Suites and key types between real processes: {@code keygen --type}, negotiation without and
 * with {@code --suite}, the suite and signature in the {@code --json} events, and the key files
 * read by the real {@code openssl}.
 */
class SuitesEndToEndTest extends EndToEndTest {
    private static final String PASS = "correct horse battery staple";

    /** {@code keygen --type TYPE} into a new home; returns the home. */
    private Path keygen(String name, String type, Map<String, String> env) {
        Path home = dir.resolve(name);
        CliProcess keygen = cli.run(env, "keygen", "--type", type, "--home", home.toString());
        assertThat(keygen.awaitExit()).as(keygen.describe()).isZero();
        assertThat(keygen.stdout().strip()).isEqualTo(fingerprint(home));
        return home;
    }

    @Test
    void twoEd25519IdentitiesNegotiateModernWithoutFlagsAndMessagesCarryTheirSignature() throws Exception {
        Path serverHome = keygen("server", "ed25519", Map.of());
        Path clientHome = keygen("client", "ed25519", Map.of());
        CliProcess server = listenOnce(serverHome);
        CliProcess client = connect(server.port(), clientHome);
        JsonNode cc = client.await("connected");
        JsonNode sc = server.await("connected");
        for (JsonNode connected : List.of(cc, sc)) {
            assertThat(connected.get("suite").asText()).isEqualTo("modern");
            assertThat(connected.get("peer_algorithm").asText()).isEqualTo("ed25519");
        }
        assertThat(client.stderr()).contains(", suite modern (X25519), peer signs with Ed25519");

        client.println("signed by ed25519");
        JsonNode message = server.await("message");
        String clientFp = fingerprint(clientHome);
        assertThat(message.get("text").asText()).isEqualTo("signed by ed25519");
        assertThat(message.get("signer").asText()).isEqualTo(clientFp);
        assertThat(message.get("peer").asText()).isEqualTo(clientFp);
        assertThat(message.get("algorithm").asText()).isEqualTo("ed25519");
        byte[] signature = Base64.getDecoder().decode(message.get("signature").asText());
        byte[] signedData =
                Base64.getDecoder().decode(message.get("signed_data").asText());
        assertThat(signature).hasSize(64); // RFC 8032
        // The event carries what a third party needs: the JDK's own Ed25519 accepts the signature
        // with the signer's public key, and refuses it over other data.
        byte[] spki =
                IdentityFiles.in(clientHome).loadPublic().subjectPublicKeyInfo().toByteArray();
        PublicKey key = KeyFactory.getInstance("Ed25519", "SunEC").generatePublic(new X509EncodedKeySpec(spki));
        assertThat(verifies(key, signedData, signature)).isTrue();
        signedData[signedData.length - 1] ^= 1;
        assertThat(verifies(key, signedData, signature)).isFalse();

        client.println("/quit");
        client.assertExit(0);
        server.assertExit(0);
    }

    private static boolean verifies(PublicKey key, byte[] data, byte[] signature) throws Exception {
        Signature v = Signature.getInstance("Ed25519", "SunEC");
        v.initVerify(key);
        v.update(data);
        return v.verify(signature);
    }

    @Test
    void suiteChoosesTheSuiteWhateverTheKeyTypes() {
        // DSA identities would prefer classic; --suite pq on the listener leaves it no other choice,
        // and the client offers every suite by default.
        CliProcess server = listenOnce(home("server"), "--suite", "pq");
        CliProcess client = connect(server.port(), home("client"));
        assertThat(client.await("connected").get("suite").asText()).isEqualTo("pq");
        JsonNode sc = server.await("connected");
        assertThat(sc.get("suite").asText()).isEqualTo("pq");
        assertThat(sc.get("peer_algorithm").asText()).isEqualTo("dsa");
        client.println("/quit");
        client.assertExit(0);
        server.assertExit(0);
    }

    @Test
    void noCommonSuiteIsASecurityFailure() {
        CliProcess server = listenOnce(home("server"), "--suite", "modern");
        CliProcess client = connect(server.port(), home("client"), "--suite", "classic");
        client.assertExit(ExitCodes.SECURITY);
        assertClosed(client, "security-failure");
        assertThat(client.events("connected")).isEmpty();
    }

    @Test
    void keygenTypeEd25519WritesKeysThatOpenSslReads() throws Exception {
        assumeTrue(openSslAvailable(), "openssl binary not found");
        Path home = keygen("home", "ed25519", Map.of(HomeIdentity.PASSPHRASE_ENV, PASS));
        Path key = home.resolve("identity.key");
        Path pub = home.resolve("identity.pub");
        assertThat(Files.readString(key)).startsWith("-----BEGIN ENCRYPTED PRIVATE KEY-----");
        assertThat(IdentityFiles.in(home).loadPublic().algorithm()).isEqualTo(SignatureAlgorithm.ED25519);

        String privateText = openssl("pkey", "-in", key.toString(), "-passin", "pass:" + PASS, "-noout", "-text");
        assertThat(privateText).contains("ED25519 Private-Key");
        assertThat(run("openssl", "pkey", "-in", key.toString(), "-passin", "pass:wrong", "-noout")
                        .exitCode())
                .isNotZero();
        String publicText = openssl("pkey", "-pubin", "-in", pub.toString(), "-noout", "-text");
        assertThat(publicText).contains("ED25519 Public-Key");
        // The public key OpenSSL derives from the private key is the file's, byte for byte.
        assertThat(openssl("pkey", "-in", key.toString(), "-passin", "pass:" + PASS, "-pubout"))
                .isEqualTo(Files.readString(pub, StandardCharsets.US_ASCII));
    }

    @Test
    void keygenTypeChoosesTheAlgorithmAndBitsStaysAnAlias() {
        assertThat(algorithmIn(keygen("dsa", "dsa", Map.of()))).isEqualTo(SignatureAlgorithm.DSA_2048_256);
        assertThat(algorithmIn(keygen("mldsa", "ml-dsa-65", Map.of()))).isEqualTo(SignatureAlgorithm.ML_DSA_65);

        Path bits = dir.resolve("bits");
        CliProcess alias = cli.run("keygen", "--bits", "3072", "--home", bits.toString());
        assertThat(alias.awaitExit()).as(alias.describe()).isZero();
        assertThat(algorithmIn(bits)).isEqualTo(SignatureAlgorithm.DSA_3072_256);

        Path plain = dir.resolve("plain");
        CliProcess byDefault = cli.run("keygen", "--home", plain.toString());
        assertThat(byDefault.awaitExit()).as(byDefault.describe()).isZero();
        assertThat(algorithmIn(plain)).isEqualTo(SignatureAlgorithm.DSA_2048_256);

        CliProcess clash = cli.run(
                "keygen",
                "--bits",
                "3072",
                "--type",
                "ed25519",
                "--home",
                dir.resolve("x").toString());
        assertThat(clash.awaitExit()).isEqualTo(ExitCodes.USAGE);
        assertThat(clash.stderr()).contains("--bits 3072 means --type dsa-3072, not --type ed25519");
        CliProcess unknown =
                cli.run("keygen", "--type", "rsa", "--home", dir.resolve("y").toString());
        assertThat(unknown.awaitExit()).isEqualTo(ExitCodes.USAGE);
        assertThat(unknown.stderr()).contains("unknown key type 'rsa'; valid types: dsa, dsa-3072, ed25519, ml-dsa-65");
        assertThat(dir.resolve("x")).doesNotExist();
        assertThat(dir.resolve("y")).doesNotExist();
    }

    /** The algorithm of the identity in {@code home}, read from its public key. */
    private static SignatureAlgorithm algorithmIn(Path home) {
        try {
            return IdentityFiles.in(home).loadPublic().algorithm();
        } catch (Exception e) {
            throw new AssertionError("no identity in " + home, e);
        }
    }

    // ---- openssl, as the core's OpenSSL tests run it ----

    private record Result(int exitCode, String out, String err) {}

    private static boolean openSslAvailable() {
        try {
            return run("openssl", "version").exitCode() == 0;
        } catch (IOException e) {
            return false;
        }
    }

    private static String openssl(String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of("openssl"));
        command.addAll(List.of(args));
        Result r = run(command.toArray(String[]::new));
        assertThat(r.exitCode())
                .as("openssl %s failed: %s", String.join(" ", args), r.err())
                .isZero();
        return r.out();
    }

    private static Result run(String... command) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        Process p = pb.start();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Thread errReader = new Thread(() -> {
            try {
                p.getErrorStream().transferTo(err);
            } catch (IOException ignored) {
                // the exit code reports the failure
            }
        });
        errReader.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException("timed out: " + List.of(command));
            }
            errReader.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
        return new Result(p.exitValue(), out, err.toString(StandardCharsets.UTF_8));
    }
}
