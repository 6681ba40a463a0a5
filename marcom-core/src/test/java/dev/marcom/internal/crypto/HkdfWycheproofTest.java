package dev.marcom.internal.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.marcom.internal.crypto.WycheproofFile.Result;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Wycheproof {@code hkdf_sha256_test.json} through MARCOM's {@link Hkdf}. Every vector is
 * applicable. {@code valid}: {@code derive(salt, ikm, info, size)} and
 * {@code expand(extract(salt, ikm), info, size)} both equal {@code okm}. {@code invalid} (the
 * file's are all {@code SizeTooLarge}, size = 255 * 32 + 1): both must throw, not return bytes.
 */
class HkdfWycheproofTest {
    private static final WycheproofFile FILE = WycheproofFile.load("hkdf_sha256_test.json");

    record Vector(
            int tcId,
            String comment,
            List<String> flags,
            byte[] ikm,
            byte[] salt,
            byte[] info,
            int size,
            byte[] okm,
            Result result) {
        @Override
        public String toString() {
            return "HKDF-SHA256 size " + size + " " + WycheproofFile.label(tcId, result, comment, flags);
        }
    }

    static List<Vector> allVectors() {
        List<Vector> vectors = new ArrayList<>();
        for (JsonNode g : FILE.groups()) {
            for (JsonNode t : g.path("tests")) {
                vectors.add(new Vector(
                        t.path("tcId").asInt(),
                        t.path("comment").asText(),
                        WycheproofFile.flags(t),
                        WycheproofFile.hex(t.get("ikm")),
                        WycheproofFile.hex(t.get("salt")),
                        WycheproofFile.hex(t.get("info")),
                        t.path("size").asInt(),
                        WycheproofFile.hex(t.get("okm")),
                        Result.of(t)));
            }
        }
        return vectors;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("allVectors")
    void vector(Vector v) {
        switch (v.result()) {
            case VALID -> {
                assertThat(Hkdf.derive(v.salt(), v.ikm(), v.info(), v.size()))
                        .as("%s: derive", v)
                        .isEqualTo(v.okm());
                assertThat(Hkdf.expand(Hkdf.extract(v.salt(), v.ikm()), v.info(), v.size()))
                        .as("%s: expand(extract)", v)
                        .isEqualTo(v.okm());
            }
            case INVALID -> {
                assertThatThrownBy(() -> Hkdf.derive(v.salt(), v.ikm(), v.info(), v.size()))
                        .as("%s: derive", v)
                        .isInstanceOf(IllegalArgumentException.class);
                byte[] prk = Hkdf.extract(v.salt(), v.ikm());
                assertThatThrownBy(() -> Hkdf.expand(prk, v.info(), v.size()))
                        .as("%s: expand", v)
                        .isInstanceOf(IllegalArgumentException.class);
            }
            case ACCEPTABLE -> {
                // None in the file; a KDF has no "either way" outcome, so a new one must be looked at.
                throw new AssertionError("unexpected acceptable HKDF vector " + v);
            }
            default -> throw new AssertionError(v.result());
        }
    }

    @Test
    void everyVectorIsRead() {
        List<Vector> all = allVectors();
        assertThat(FILE.algorithm()).isEqualTo("HKDF-SHA-256");
        assertThat(all).hasSize(FILE.numberOfTests());
        // Observed in the bundled file: 86 vectors, 83 valid, 3 invalid (SizeTooLarge).
        assertThat(all).hasSizeGreaterThanOrEqualTo(86);
        assertThat(all)
                .filteredOn(v -> v.result() == Result.INVALID)
                .allSatisfy(v -> assertThat(v.size()).isGreaterThan(255 * 32));
        System.out.printf("Wycheproof %s: %d vectors, %d run, 0 skipped%n", FILE.name(), all.size(), all.size());
    }
}
