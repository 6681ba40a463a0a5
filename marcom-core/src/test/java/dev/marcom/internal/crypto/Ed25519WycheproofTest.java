package dev.marcom.internal.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.marcom.AuthenticationException;
import dev.marcom.MalformedInputException;
import dev.marcom.internal.crypto.WycheproofFile.Result;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Wycheproof Ed25519 verification vectors through MARCOM's {@link Ed25519Scheme}: the group's raw
 * public key is wrapped into an RFC 8410 SubjectPublicKeyInfo (and must equal the file's
 * {@code publicKeyDer}), decoded with {@link Ed25519Scheme#decodePublicKey}, which applies MARCOM's
 * identity-key checks, then the signature is verified. Every vector is applicable.
 *
 * <p>{@code invalid} must never be accepted, at decoding or at verification. {@code valid} must
 * verify: no valid vector of the bundled file uses a small-order or non-canonical key, so none is
 * refused at decoding; the test fails, naming the vector, if a future file adds one (it would then
 * have to be listed here as a documented refusal).
 */
class Ed25519WycheproofTest {
    private static final byte[] SPKI_PREFIX = HexFormat.of().parseHex("302a300506032b6570032100");

    record Vector(int tcId, String comment, List<String> flags, byte[] spki, byte[] msg, byte[] sig, Result result) {
        @Override
        public String toString() {
            return "Ed25519 " + WycheproofFile.label(tcId, result, comment, flags);
        }
    }

    static List<Vector> vectors() {
        WycheproofFile file = WycheproofFile.load("ed25519_test.json");
        List<Vector> out = new ArrayList<>();
        for (JsonNode g : file.groups()) {
            byte[] pk = WycheproofFile.hex(g.path("publicKey").get("pk"));
            byte[] spki = new byte[SPKI_PREFIX.length + pk.length];
            System.arraycopy(SPKI_PREFIX, 0, spki, 0, SPKI_PREFIX.length);
            System.arraycopy(pk, 0, spki, SPKI_PREFIX.length, pk.length);
            assertThat(spki).as("RFC 8410 SPKI of the group key").isEqualTo(WycheproofFile.hex(g.get("publicKeyDer")));
            for (JsonNode t : g.path("tests")) {
                out.add(new Vector(
                        t.path("tcId").asInt(),
                        t.path("comment").asText(),
                        WycheproofFile.flags(t),
                        spki,
                        WycheproofFile.hex(t.get("msg")),
                        WycheproofFile.hex(t.get("sig")),
                        Result.of(t)));
            }
        }
        return out;
    }

    static Stream<Vector> allVectors() {
        return vectors().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("allVectors")
    void vector(Vector v) {
        PublicKey key;
        try {
            key = Ed25519Scheme.INSTANCE.decodePublicKey(v.spki());
        } catch (MalformedInputException e) {
            assertThat(v.result())
                    .as("%s: key refused at decoding (%s)", v, e.getMessage())
                    .isEqualTo(Result.INVALID);
            return;
        }
        boolean verified;
        try {
            Ed25519Scheme.INSTANCE.verify(key, v.msg(), v.sig(), "vector " + v.tcId());
            verified = true;
        } catch (AuthenticationException e) {
            assertThat(e).hasMessage("vector " + v.tcId());
            verified = false;
        }
        assertThat(verified)
                .as("%s: %s", v, v.result() == Result.VALID ? "valid verifies" : "invalid is rejected")
                .isEqualTo(v.result() == Result.VALID);
    }

    @Test
    void theFileIsReadWhole() {
        WycheproofFile f = WycheproofFile.load("ed25519_test.json");
        assertThat(f.algorithm()).isEqualTo("EDDSA");
        List<Vector> all = vectors();
        assertThat(all).hasSize(f.numberOfTests());
        assertThat(all.stream().map(Vector::result).distinct()).doesNotContain(Result.ACCEPTABLE);
        // Observed in the bundled file: 151 vectors, 88 valid, 63 invalid.
        assertThat(all).hasSizeGreaterThanOrEqualTo(151);
        assertThat(all).filteredOn(v -> v.result() == Result.VALID).hasSizeGreaterThanOrEqualTo(88);
        System.out.printf("Wycheproof ed25519_test.json: %d vectors, %d run, 0 skipped%n", all.size(), all.size());
    }
}
