package dev.marcom.internal.pem;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class PemTest {
    private static final SecureRandom RANDOM = new SecureRandom();

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    private static String text(byte[] b) {
        return new String(b, StandardCharsets.US_ASCII);
    }

    @Test
    void roundTripsEveryLengthAcrossLineBoundaries() throws PemException {
        for (int n = 1; n <= 200; n++) {
            byte[] der = new byte[n];
            RANDOM.nextBytes(der);
            Pem.Block block = Pem.decode(Pem.encode("PUBLIC KEY", der));
            assertThat(block.label()).isEqualTo("PUBLIC KEY");
            assertThat(block.der()).as("length %d", n).isEqualTo(der);
        }
    }

    @Test
    void writesTheStrictRfc7468Form() {
        byte[] der = new byte[60]; // 80 base64 characters: a full line and a short one
        Arrays.fill(der, (byte) 0xab);
        String pem = text(Pem.encode("PRIVATE KEY", der));
        String b64 = Base64.getEncoder().encodeToString(der);
        assertThat(pem)
                .isEqualTo("-----BEGIN PRIVATE KEY-----\n"
                        + b64.substring(0, 64) + "\n"
                        + b64.substring(64) + "\n"
                        + "-----END PRIVATE KEY-----\n");
        assertThat(pem.split("\n")).allSatisfy(line -> assertThat(line.length()).isLessThanOrEqualTo(64));
    }

    @Test
    void writesExactMultiplesOfALineWithoutAnEmptyLine() {
        byte[] der = new byte[96]; // 128 base64 characters: exactly two lines
        String pem = text(Pem.encode("PUBLIC KEY", der));
        assertThat(pem.split("\n")).hasSize(4);
    }

    @Test
    void acceptsCrlfLineEndsAndAMissingFinalNewline() throws PemException {
        byte[] der = new byte[70];
        RANDOM.nextBytes(der);
        String pem = text(Pem.encode("PUBLIC KEY", der));
        assertThat(Pem.decode(ascii(pem.replace("\n", "\r\n"))).der()).isEqualTo(der);
        assertThat(Pem.decode(ascii(pem.substring(0, pem.length() - 1))).der()).isEqualTo(der);
    }

    @Test
    void wipeZeroesTheContent() throws PemException {
        Pem.Block block = Pem.decode(Pem.encode("PRIVATE KEY", new byte[] {1, 2, 3}));
        block.wipe();
        assertThat(block.der()).containsOnly(0);
    }

    static Stream<Arguments> malformed() {
        String b64 = Base64.getEncoder().encodeToString(new byte[60]); // 80 characters
        String l1 = b64.substring(0, 64);
        String l2 = b64.substring(64);
        String begin = "-----BEGIN PUBLIC KEY-----\n";
        String end = "-----END PUBLIC KEY-----\n";
        String good = begin + l1 + "\n" + l2 + "\n" + end;
        return Stream.of(
                Arguments.of("empty input", ""),
                Arguments.of("no BEGIN line", l1 + "\n" + end),
                Arguments.of("text before BEGIN", "key:\n" + good),
                Arguments.of("blank line before BEGIN", "\n" + good),
                Arguments.of("no END line", begin + l1 + "\n" + l2 + "\n"),
                Arguments.of("END label differs", begin + l1 + "\n" + l2 + "\n-----END PRIVATE KEY-----\n"),
                Arguments.of("lower-case label", good.replace("PUBLIC KEY", "public key")),
                Arguments.of("label with two spaces", good.replace("PUBLIC KEY", "PUBLIC  KEY")),
                Arguments.of("empty label", good.replace("PUBLIC KEY", "")),
                Arguments.of("four dashes", good.replace("-----BEGIN", "----BEGIN")),
                Arguments.of("BEGIN without trailing dashes", good.replace("KEY-----\n" + l1, "KEY\n" + l1)),
                Arguments.of("text after END", good + "more\n"),
                Arguments.of("blank line after END", good + "\n"),
                Arguments.of("second block", good + good),
                Arguments.of("RFC 1421 header", begin + "Proc-Type: 4,ENCRYPTED\n\n" + l1 + "\n" + l2 + "\n" + end),
                Arguments.of("short line before the last", begin + l2 + "\n" + l1 + "\n" + end),
                Arguments.of("line of 80 characters", begin + b64 + "\n" + end),
                Arguments.of("empty line in body", begin + l1 + "\n\n" + l2 + "\n" + end),
                Arguments.of("space in body", begin + l1 + "\n" + l2.substring(1) + " \n" + end),
                Arguments.of("tab in body", begin + l1 + "\n" + l2.substring(1) + "\t\n" + end),
                Arguments.of("non-base64 character", begin + l1 + "\n" + l2.substring(1) + "*\n" + end),
                Arguments.of("URL-safe alphabet", begin + "_-" + l1.substring(2) + "\n" + l2 + "\n" + end),
                Arguments.of("missing padding", begin + "QQ\n" + end),
                Arguments.of("non-canonical padding bits", begin + "QR==\n" + end),
                Arguments.of("padding in the middle", begin + "QQ==QUFB\n" + end),
                Arguments.of("lone carriage return", good.replace("\n" + l2, "\r" + l2)),
                Arguments.of("non-ASCII byte", begin + l1 + "\n" + l2.substring(1) + "\u00e9\n" + end),
                Arguments.of("NUL byte", good.replace("BEGIN", "BEG\0N")),
                Arguments.of("empty body", begin + end));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformed")
    void rejectsMalformedInput(String name, String input) {
        assertThatThrownBy(() -> Pem.decode(ascii(input))).isInstanceOf(PemException.class);
    }

    @Test
    void rejectsInputOverTheSizeLimitBeforeParsing() {
        byte[] big = new byte[Pem.MAX_INPUT + 1];
        Arrays.fill(big, (byte) 'A');
        assertThatThrownBy(() -> Pem.decode(big))
                .isInstanceOf(PemException.class)
                .hasMessageContaining("larger than");
    }

    @Test
    void acceptsABlockUpToTheSizeLimit() throws PemException {
        byte[] der = new byte[40_000];
        byte[] pem = Pem.encode("PUBLIC KEY", der);
        assertThat(pem.length).isLessThanOrEqualTo(Pem.MAX_INPUT);
        assertThat(Pem.decode(pem).der()).isEqualTo(der);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "private key", " KEY", "KEY ", "A  B", "A-B", "KEY\n"})
    void encodeRejectsInvalidLabels(String label) {
        assertThatThrownBy(() -> Pem.encode(label, new byte[1])).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void errorMessagesDoNotEchoTheBody() {
        String secret = "U0VDUkVUU0VDUkVUU0VDUkVU"; // base64 of SECRETSECRETSECRET
        String input = "-----BEGIN PRIVATE KEY-----\n" + secret + "*\n-----END PRIVATE KEY-----\n";
        assertThatThrownBy(() -> Pem.decode(ascii(input)))
                .isInstanceOf(PemException.class)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain(secret));
    }
}
