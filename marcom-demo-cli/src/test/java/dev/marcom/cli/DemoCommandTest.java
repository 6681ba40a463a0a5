package dev.marcom.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import picocli.CommandLine;

@Timeout(60)
class DemoCommandTest {
    private record Run(int code, String out, String err) {}

    private static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = Marcom.commandLine();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int code = cl.execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    @Test
    void demoRunsTheWholeProtocolAndShowsEveryPhase() {
        Run r = run("demo", "--messages", "2", "--no-color");
        assertThat(r.code()).isZero();
        assertThat(r.out())
                .contains("suite classic: key transport ElGamal ffdhe2048, AES-256-GCM, HKDF-SHA256; "
                        + "both identities sign with DSA-2048/256")
                .contains(
                        "phases: NETWORK KEY_EXCHANGE ELGAMAL (ElGamal ffdhe2048) AES_GCM SHA256 DSA (DSA-2048/256)\n")
                .contains("[client] KEY_EXCHANGE ── negotiation (hellos) ──")
                .contains("[client] KEY_EXCHANGE → ClientHello")
                .contains("[server] KEY_EXCHANGE ── key transport (KEM + AES-GCM) ──")
                .contains("[client] KEY_EXCHANGE ── key derivation (HKDF-SHA256) ──")
                .doesNotContain(" done ──")
                .contains("[server] ELGAMAL      fresh one-time ElGamal ffdhe2048 key pair")
                .contains("[client] ELGAMAL      encrypted a fresh 256-bit secret")
                .contains("[server] AES_GCM      opened record")
                .contains("[client] SHA256       SHA-256 of message #2")
                .contains("[server] DSA          verified DSA-2048/256 signature on message #2")
                .contains("client connected; suite classic, session ")
                .contains("(DSA-2048/256 signature verified")
                .contains("both sides closed cleanly")
                .doesNotContain("[SECRET]")
                .doesNotContain("\u001b[");
        assertThat(withoutFingerprints(r.out())).doesNotContain("X25519", "ML-KEM", "Ed25519", "ML-DSA");
    }

    /** {@code text} with every fingerprint cut short: random base64 may spell any short word. */
    private static String withoutFingerprints(String text) {
        return text.replaceAll("SHA256:[A-Za-z0-9+/]{43}", "SHA256:…");
    }

    /**
     * Each suite's demo runs with identities of its paired algorithm and names its primitives,
     * and no other generation's: a modern demo never mentions ElGamal or DSA.
     */
    @ParameterizedTest(name = "--suite {0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "modern | X25519 | X25519 | ED25519 | Ed25519 | ElGamal,DSA,ML-KEM,X-Wing,ML-DSA",
                "pq | ML_KEM | X-Wing (ML-KEM-768 + X25519) | ML_DSA | ML-DSA-65 | ElGamal,DSA-2048,DSA-3072,Ed25519",
                "classic-3072 | ELGAMAL | ElGamal ffdhe3072 | DSA | DSA-3072/256 | X25519,Ed25519,ML-DSA"
            })
    void eachSuiteShowsItsOwnPrimitives(
            String suite, String kemPhase, String kem, String signaturePhase, String signature, String absent) {
        Run r = run("demo", "--suite", suite, "--messages", "1", "--no-color");
        assertThat(r.code()).as(r.err()).isZero();
        String kemLabel = String.format("%-12s", kemPhase);
        String signatureLabel = String.format("%-12s", signaturePhase);
        assertThat(r.out())
                .contains("suite " + suite + ": key transport " + kem + ", AES-256-GCM, HKDF-SHA256; "
                        + "both identities sign with " + signature)
                .contains("phases: NETWORK KEY_EXCHANGE " + kemPhase + " (" + kem + ") AES_GCM SHA256 " + signaturePhase
                        + " (" + signature + ")\n")
                .contains("agreed on version 1, suite " + suite + " (key transport " + kem)
                .contains("[server] " + kemLabel + " fresh one-time " + kem + " key pair")
                .contains("[client] " + kemLabel + " encrypted a fresh 256-bit secret")
                .contains("[server] " + kemLabel + " decrypted the 256-bit secret")
                .contains("[client] " + signatureLabel + " verified " + signature + " signature on server handshake")
                .contains("[server] " + signatureLabel + " verified " + signature + " signature on message #1")
                .contains("client connected; suite " + suite + ", session ")
                .contains("(" + signature + " signature verified")
                .contains("both sides closed cleanly");
        String words = withoutFingerprints(r.out());
        for (String word : absent.split(",")) {
            assertThat(words).as("a %s demo mentions %s", suite, word).doesNotContain(word);
        }
    }

    @Test
    void revealSecretsIsFlaggedAndShowsKeys() {
        Run r = run("demo", "--messages", "0", "--no-color", "--reveal-secrets");
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("REVEAL SECRETS IS ON").contains("[SECRET] c→s key = ");
    }

    @Test
    void bitsIsAnAliasOfTheClassicSuites() {
        Run r = run("demo", "--bits", "3072", "--messages", "0", "--no-color");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("suite classic-3072: key transport ElGamal ffdhe3072");
        Run agreeing = run("demo", "--bits", "2048", "--suite", "classic", "--messages", "0", "--no-color");
        assertThat(agreeing.code()).isZero();
        Run clash = run("demo", "--bits", "3072", "--suite", "modern");
        assertThat(clash.code()).isEqualTo(2);
        assertThat(clash.err()).contains("--bits 3072 means --suite classic-3072, not --suite modern");
    }

    @Test
    void usageErrorsExitWith2() {
        assertThat(run("demo", "--messages", "-1").code()).isEqualTo(2);
        assertThat(run("demo", "--bits", "1024").code()).isEqualTo(2);
        assertThat(run("nonsense").code()).isEqualTo(2);
        assertThat(run().code()).isEqualTo(2);
    }

    /** An unknown suite is a usage error on every command that takes one, naming the valid ones. */
    @ParameterizedTest(name = "{0}")
    @CsvSource({"demo", "listen", "connect"})
    void anUnknownSuiteIsAUsageErrorThatListsTheSuites(String command) {
        Run r = command.equals("connect")
                ? run(command, "127.0.0.1:1", "--suite", "nonsense")
                : run(command, "--suite", "nonsense");
        assertThat(r.code()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.err())
                .contains("Invalid value for option '--suite': unknown suite 'nonsense'; "
                        + "valid suites: classic, classic-3072, modern, pq");
        assertThat(r.out()).isEmpty();
    }
}
