package dev.marcom.internal.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.marcom.internal.crypto.WycheproofFile.Result;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Wycheproof X25519 vectors through MARCOM's {@link X25519Kem}: the vector's private scalar is the
 * receiver's key, its public value the ciphertext c1, and {@link X25519Kem#decapsulate} must give
 * the expected shared secret. Every vector is applicable.
 *
 * <p>The file has no {@code invalid} vectors (RFC 7748 decodes every 32-byte string). Its
 * {@code acceptable} ones are twist points, non-canonical u-coordinates and low-order points:
 * MARCOM accepts the first two and must agree with RFC 7748 on their result, but refuses every
 * input whose shared secret is all zero (flag {@code ZeroSharedSecret}: a low-order point), as
 * its key transport documents.
 */
class X25519WycheproofTest {
    record Vector(
            int tcId, String comment, List<String> flags, byte[] scalar, byte[] c1, byte[] shared, Result result) {
        boolean zeroShared() {
            for (byte b : shared) {
                if (b != 0) {
                    return false;
                }
            }
            return true;
        }

        @Override
        public String toString() {
            return "X25519 " + WycheproofFile.label(tcId, result, comment, flags);
        }
    }

    static List<Vector> vectors() {
        WycheproofFile file = WycheproofFile.load("x25519_test.json");
        List<Vector> out = new ArrayList<>();
        for (JsonNode g : file.groups()) {
            for (JsonNode t : g.path("tests")) {
                out.add(new Vector(
                        t.path("tcId").asInt(),
                        t.path("comment").asText(),
                        WycheproofFile.flags(t),
                        WycheproofFile.hex(t.get("private")),
                        WycheproofFile.hex(t.get("public")),
                        WycheproofFile.hex(t.get("shared")),
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
        Kem.KeyPair keys = X25519Kem.keyPair(v.scalar());
        if (v.zeroShared()) {
            assertThat(v.flags()).as("%s: Wycheproof marks it", v).contains("ZeroSharedSecret");
            assertThatThrownBy(() -> X25519Kem.INSTANCE.decapsulate(keys, X25519Kem.INSTANCE.checkCiphertext(v.c1())))
                    .as("%s: an all-zero shared secret is refused", v)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("all zero");
            return;
        }
        assertThat(v.result()).as("%s", v).isNotEqualTo(Result.INVALID);
        assertThat(X25519Kem.INSTANCE.decapsulate(keys, X25519Kem.INSTANCE.checkCiphertext(v.c1())))
                .as("%s: the RFC 7748 shared secret", v)
                .isEqualTo(v.shared());
    }

    @Test
    void theFileIsReadWhole() {
        WycheproofFile f = WycheproofFile.load("x25519_test.json");
        assertThat(f.algorithm()).isEqualTo("XDH");
        for (JsonNode g : f.groups()) {
            assertThat(g.path("type").asText()).isEqualTo("XdhComp");
            assertThat(g.path("curve").asText()).isEqualTo("curve25519");
        }
        List<Vector> all = vectors();
        assertThat(all).hasSize(f.numberOfTests());
        // Observed in the bundled file: 518 vectors, 264 valid, 254 acceptable, 31 with a zero secret.
        assertThat(all).hasSizeGreaterThanOrEqualTo(518);
        assertThat(all).filteredOn(Vector::zeroShared).hasSizeGreaterThanOrEqualTo(30);
        System.out.printf(
                "Wycheproof x25519_test.json: %d vectors, %d run, 0 skipped, %d refused as all-zero%n",
                all.size(), all.size(), all.stream().filter(Vector::zeroShared).count());
    }
}
