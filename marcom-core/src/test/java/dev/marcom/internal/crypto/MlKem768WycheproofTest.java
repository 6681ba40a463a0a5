package dev.marcom.internal.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.marcom.internal.crypto.WycheproofFile.Result;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.bouncycastle.crypto.kems.MLKEMExtractor;
import org.bouncycastle.crypto.params.MLKEMParameters;
import org.bouncycastle.crypto.params.MLKEMPrivateKeyParameters;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Wycheproof ML-KEM-768 vectors ({@code MLKEMTest}: seed, ek, c, K) against what MARCOM's X-Wing
 * suite does with ML-KEM-768.
 *
 * <p>What the bundled file holds, and what runs: every vector that has an {@code ek} (173: 153
 * valid, 20 invalid for a ciphertext of the wrong length). Its {@code ek} is put into an X-Wing
 * public key ({@code ek ‖ 32-byte X25519 key}) and must pass {@link XWingKem#checkPublicKey}; for
 * the invalid ones, {@code c ‖ 32 bytes} must be refused by {@link XWingKem#checkCiphertext}. The
 * valid ones also run through BouncyCastle's ML-KEM-768 (the implementation inside MARCOM's X-Wing):
 * the key pair expanded from the 64-byte seed must have this {@code ek}, and decapsulating {@code
 * c} must give {@code K}, including the implicit-rejection vectors (bit-flipped and random
 * ciphertexts). Skipped: the 20 invalid vectors without an {@code ek}, which test a decapsulation
 * key (seed) of the wrong length; MARCOM never takes an ML-KEM private key from outside (an X-Wing
 * key is a 32-byte seed it generates), so there is nothing of MARCOM's to run them against.
 *
 * <p>The file has no encapsulation key that fails FIPS 203's modulus check (those are in
 * Wycheproof's separate {@code mlkem_768_encaps_test.json}, not bundled). So {@link
 * #aCoefficientOfQOrMoreIsRefused} derives such keys from the file's valid ones: one 12-bit
 * coefficient set to q = 3329, q + 1 or 4095, at the first, last and a middle position.
 */
class MlKem768WycheproofTest {
    private static final int EK_BYTES = 1184;

    record Vector(int tcId, String comment, byte[] seed, byte[] ek, byte[] c, byte[] k, Result result) {
        @Override
        public String toString() {
            return "ML-KEM-768 " + WycheproofFile.label(tcId, result, comment, List.of());
        }
    }

    static List<Vector> all() {
        WycheproofFile file = WycheproofFile.load("mlkem_768_test.json");
        List<Vector> out = new ArrayList<>();
        for (JsonNode g : file.groups()) {
            assertThat(g.path("parameterSet").asText()).isEqualTo("ML-KEM-768");
            for (JsonNode t : g.path("tests")) {
                out.add(new Vector(
                        t.path("tcId").asInt(),
                        t.path("comment").asText(),
                        WycheproofFile.hex(t.get("seed")),
                        t.has("ek") ? WycheproofFile.hex(t.get("ek")) : null,
                        WycheproofFile.hex(t.get("c")),
                        WycheproofFile.hex(t.get("K")),
                        Result.of(t)));
            }
        }
        return out;
    }

    static Stream<Vector> withEncapsulationKey() {
        return all().stream().filter(v -> v.ek() != null);
    }

    static byte[] xwingPublicKey(byte[] ek) {
        byte[] pk = Arrays.copyOf(ek, XWingKem.PUBLIC_KEY_BYTES);
        Arrays.fill(pk, EK_BYTES, pk.length, (byte) 9);
        return pk;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("withEncapsulationKey")
    void vector(Vector v) {
        assertThat(v.ek()).hasSize(EK_BYTES);
        XWingKem.INSTANCE.checkPublicKey(xwingPublicKey(v.ek()));
        byte[] ct = Arrays.copyOf(v.c(), v.c().length + 32);
        if (v.result() == Result.INVALID) {
            assertThat(v.comment()).startsWith("Ciphertext too");
            assertThatThrownBy(() -> XWingKem.INSTANCE.checkCiphertext(ct))
                    .as("%s: refused", v)
                    .isInstanceOf(IllegalArgumentException.class);
            return;
        }
        XWingKem.INSTANCE.checkCiphertext(ct);
        MLKEMPrivateKeyParameters priv = new MLKEMPrivateKeyParameters(MLKEMParameters.ml_kem_768, v.seed());
        assertThat(priv.getPublicKey()).as("%s: ek from the seed", v).isEqualTo(v.ek());
        assertThat(new MLKEMExtractor(priv).extractSecret(v.c())).as("%s: K", v).isEqualTo(v.k());
    }

    @ParameterizedTest(name = "coefficient value {0}")
    @MethodSource("outOfRange")
    void aCoefficientOfQOrMoreIsRefused(int value) {
        List<Vector> valid =
                withEncapsulationKey().filter(v -> v.result() == Result.VALID).toList();
        for (Vector v : valid) {
            for (int index : new int[] {0, 1, 383, 767}) {
                byte[] pk = xwingPublicKey(v.ek());
                setCoefficient(pk, index, value);
                assertThatThrownBy(() -> XWingKem.INSTANCE.checkPublicKey(pk))
                        .as("%s with coefficient %d = %d", v, index, value)
                        .isInstanceOf(IllegalArgumentException.class)
                        .hasMessageContaining("modulus check");
                setCoefficient(pk, index, 3328);
                XWingKem.INSTANCE.checkPublicKey(pk);
            }
        }
    }

    static Stream<Integer> outOfRange() {
        return Stream.of(3329, 3330, 4095);
    }

    /** Sets 12-bit coefficient {@code index} (0..767) of the encoded vector t (FIPS 203 ByteEncode12). */
    private static void setCoefficient(byte[] ek, int index, int value) {
        int off = (index / 2) * 3;
        if (index % 2 == 0) {
            ek[off] = (byte) value;
            ek[off + 1] = (byte) ((ek[off + 1] & 0xf0) | (value >>> 8));
        } else {
            ek[off + 1] = (byte) ((ek[off + 1] & 0x0f) | (value << 4));
            ek[off + 2] = (byte) (value >>> 4);
        }
    }

    @Test
    void theFileIsReadWhole() {
        WycheproofFile f = WycheproofFile.load("mlkem_768_test.json");
        assertThat(f.algorithm()).isEqualTo("ML-KEM");
        List<Vector> all = all();
        assertThat(all).hasSize(f.numberOfTests());
        List<Vector> run = withEncapsulationKey().toList();
        // Observed in the bundled file: 193 vectors; 173 with an ek (153 valid), 20 without (invalid).
        assertThat(run).hasSizeGreaterThanOrEqualTo(173);
        assertThat(run).filteredOn(v -> v.result() == Result.VALID).hasSizeGreaterThanOrEqualTo(153);
        assertThat(all)
                .filteredOn(v -> v.ek() == null)
                .allSatisfy(v -> assertThat(v.result()).isEqualTo(Result.INVALID));
        System.out.printf(
                "Wycheproof mlkem_768_test.json: %d vectors, %d run, %d skipped (decapsulation-key length)%n",
                all.size(), run.size(), all.size() - run.size());
    }
}
