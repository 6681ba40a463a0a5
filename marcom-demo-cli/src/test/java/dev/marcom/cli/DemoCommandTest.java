package dev.marcom.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
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
                .contains("[client] KEY_EXCHANGE ── negotiation (hellos) ──")
                .contains("[client] KEY_EXCHANGE → ClientHello")
                .contains("[server] KEY_EXCHANGE ── key transport (hashed ElGamal) ──")
                .contains("[client] KEY_EXCHANGE ── key derivation (HKDF-SHA256) ──")
                .doesNotContain(" done ──")
                .contains("[server] ELGAMAL      fresh key pair in ffdhe2048")
                .contains("[client] ELGAMAL      encrypted a fresh 256-bit secret")
                .contains("[server] AES_GCM      opened record")
                .contains("[client] SHA256       SHA-256 of message #2")
                .contains("[server] DSA          verified signature on message #2")
                .contains("both sides closed cleanly")
                .doesNotContain("[SECRET]")
                .doesNotContain("\u001b[");
    }

    @Test
    void revealSecretsIsFlaggedAndShowsKeys() {
        Run r = run("demo", "--messages", "0", "--no-color", "--reveal-secrets");
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("REVEAL SECRETS IS ON").contains("[SECRET] c→s key = ");
    }

    @Test
    void usageErrorsExitWith2() {
        assertThat(run("demo", "--messages", "-1").code()).isEqualTo(2);
        assertThat(run("demo", "--bits", "1024").code()).isEqualTo(2);
        assertThat(run("nonsense").code()).isEqualTo(2);
        assertThat(run().code()).isEqualTo(2);
    }
}
