package dev.marcom.internal.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.marcom.AuthenticationException;
import dev.marcom.MalformedInputException;
import dev.marcom.internal.crypto.WycheproofFile.Result;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Wycheproof ML-DSA-65 verification vectors through MARCOM's {@link MlDsa65Scheme}: the group's
 * {@code publicKeyDer} is decoded with {@link MlDsa65Scheme#decodePublicKey} (MARCOM's identity-key
 * checks; a wrong key length is refused there), then the signature is verified. {@code invalid}
 * must never be accepted, {@code valid} must verify.
 *
 * <p>Applicable: every vector whose context string is empty (no {@code ctx} member, or an empty
 * one). Skipped: the vectors with a non-empty context (2 valid, 5 invalid in the bundled file),
 * because MARCOM signs and verifies in pure mode with the empty context only (every signed input
 * starts with MARCOM's own label) and its scheme has no way to pass a context; running them with
 * the empty context would test nothing they were written for.
 */
class MlDsa65WycheproofTest {
    record Vector(int tcId, String comment, List<String> flags, byte[] spki, byte[] msg, byte[] sig, Result result) {
        @Override
        public String toString() {
            return "ML-DSA-65 " + WycheproofFile.label(tcId, result, comment, flags);
        }
    }

    /** The vectors with an empty context, which MARCOM's scheme can run. */
    static List<Vector> applicable() {
        return read(true);
    }

    /** The vectors with a non-empty context, skipped (see the class comment). */
    static List<Vector> skipped() {
        return read(false);
    }

    private static List<Vector> read(boolean emptyContext) {
        WycheproofFile file = WycheproofFile.load("mldsa_65_verify_test.json");
        List<Vector> out = new ArrayList<>();
        for (JsonNode g : file.groups()) {
            byte[] spki = WycheproofFile.hex(g.get("publicKeyDer"));
            for (JsonNode t : g.path("tests")) {
                boolean empty = !t.has("ctx") || t.get("ctx").asText().isEmpty();
                if (empty == emptyContext) {
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
        }
        return out;
    }

    static Stream<Vector> allVectors() {
        return applicable().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("allVectors")
    void vector(Vector v) {
        PublicKey key;
        try {
            key = MlDsa65Scheme.INSTANCE.decodePublicKey(v.spki());
        } catch (MalformedInputException e) {
            assertThat(v.result())
                    .as("%s: key refused at decoding (%s)", v, e.getMessage())
                    .isEqualTo(Result.INVALID);
            return;
        }
        boolean verified;
        try {
            MlDsa65Scheme.INSTANCE.verify(key, v.msg(), v.sig(), "vector " + v.tcId());
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
    void theFileIsReadWholeAndOnlyContextVectorsAreSkipped() {
        WycheproofFile f = WycheproofFile.load("mldsa_65_verify_test.json");
        assertThat(f.algorithm()).isEqualTo("ML-DSA-65");
        for (JsonNode g : f.groups()) {
            assertThat(g.path("type").asText()).isEqualTo("MlDsaVerify");
        }
        List<Vector> run = applicable();
        List<Vector> skipped = skipped();
        assertThat(run.size() + skipped.size()).isEqualTo(f.numberOfTests());
        // Observed in the bundled file: 210 vectors; 203 with an empty context (77 valid), 7 skipped.
        assertThat(run).hasSizeGreaterThanOrEqualTo(203);
        assertThat(run).filteredOn(v -> v.result() == Result.VALID).hasSizeGreaterThanOrEqualTo(77);
        assertThat(skipped)
                .allSatisfy(v -> assertThat(v.flags().contains("InvalidContext") || v.result() == Result.VALID)
                        .as("%s is a context vector", v)
                        .isTrue());
        assertThat(skipped).hasSizeLessThanOrEqualTo(7);
        System.out.printf(
                "Wycheproof mldsa_65_verify_test.json: %d vectors, %d run, %d skipped (non-empty context)%n",
                f.numberOfTests(), run.size(), skipped.size());
    }
}
