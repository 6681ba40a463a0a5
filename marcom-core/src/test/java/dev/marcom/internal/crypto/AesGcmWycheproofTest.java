package dev.marcom.internal.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.marcom.internal.crypto.WycheproofFile.Result;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import javax.crypto.AEADBadTagException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Wycheproof {@code aes_gcm_test.json} through MARCOM's {@link AesGcm}.
 *
 * <p>{@link AesGcm} always uses a 96-bit nonce and a 128-bit tag (the record layer and the KEM
 * never use anything else); it accepts 128-, 192- and 256-bit keys, MARCOM itself uses 256. So
 * the applicable vectors are those with {@code ivSize == 96} and {@code tagSize == 128}, for every
 * key size; the others (short, long and empty IVs) are filtered out, and
 * {@link #applicableVectorsAreNotSilentlyDropped()} guards the filter.
 *
 * <p>Semantics (Wycheproof AEAD schema): {@code valid} means encrypting {@code msg} yields
 * {@code ct ‖ tag} and decrypting that yields {@code msg}. {@code invalid} means the parameters
 * are invalid (then encryption must fail too; only the empty-IV vectors are of that kind, and
 * they are not applicable here) or the ciphertext/tag was tampered with (flag
 * {@code ModifiedTag}): then decryption must throw {@link AEADBadTagException}, while encryption
 * with the same, valid, parameters must succeed and produce the untampered ciphertext.
 * {@code acceptable}: the file has none; should one appear, decryption may either fail with
 * {@link AEADBadTagException} or succeed, and if it succeeds it must return {@code msg}.
 */
class AesGcmWycheproofTest {
    private static final WycheproofFile FILE = WycheproofFile.load("aes_gcm_test.json");

    /** Observed in the bundled file: 116 valid + 81 invalid with a 96-bit IV and 128-bit tag. */
    private static final int MIN_APPLICABLE = 197;

    record Vector(
            int keySize,
            int ivSize,
            int tagSize,
            int tcId,
            String comment,
            List<String> flags,
            byte[] key,
            byte[] iv,
            byte[] aad,
            byte[] msg,
            byte[] ct,
            byte[] tag,
            Result result) {

        boolean applicable() {
            return ivSize == AesGcm.NONCE_BYTES * 8
                    && tagSize == AesGcm.TAG_BYTES * 8
                    && (keySize == 128 || keySize == 192 || keySize == 256);
        }

        byte[] ctAndTag() {
            byte[] out = Arrays.copyOf(ct, ct.length + tag.length);
            System.arraycopy(tag, 0, out, ct.length, tag.length);
            return out;
        }

        @Override
        public String toString() {
            return "AES-" + keySize + " " + WycheproofFile.label(tcId, result, comment, flags);
        }
    }

    static List<Vector> allVectors() {
        List<Vector> vectors = new ArrayList<>();
        for (JsonNode g : FILE.groups()) {
            int keySize = g.path("keySize").asInt();
            int ivSize = g.path("ivSize").asInt();
            int tagSize = g.path("tagSize").asInt();
            for (JsonNode t : g.path("tests")) {
                vectors.add(new Vector(
                        keySize,
                        ivSize,
                        tagSize,
                        t.path("tcId").asInt(),
                        t.path("comment").asText(),
                        WycheproofFile.flags(t),
                        WycheproofFile.hex(t.get("key")),
                        WycheproofFile.hex(t.get("iv")),
                        WycheproofFile.hex(t.get("aad")),
                        WycheproofFile.hex(t.get("msg")),
                        WycheproofFile.hex(t.get("ct")),
                        WycheproofFile.hex(t.get("tag")),
                        Result.of(t)));
            }
        }
        return vectors;
    }

    static Stream<Vector> applicableVectors() {
        return allVectors().stream().filter(Vector::applicable);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("applicableVectors")
    void vector(Vector v) throws Exception {
        switch (v.result()) {
            case VALID -> {
                assertThat(new AesGcm(v.key()).seal(v.iv(), v.aad(), v.msg()))
                        .as("%s: seal = ct ‖ tag", v)
                        .isEqualTo(v.ctAndTag());
                assertThat(new AesGcm(v.key()).open(v.iv(), v.aad(), v.ctAndTag()))
                        .as("%s: open = msg", v)
                        .isEqualTo(v.msg());
                checkOffsetApi(v);
            }
            case INVALID -> {
                assertThatThrownBy(() -> new AesGcm(v.key()).open(v.iv(), v.aad(), v.ctAndTag()))
                        .as("%s: open must fail", v)
                        .isInstanceOf(AEADBadTagException.class);
                // The parameters are valid (96-bit IV), so encryption works and gives the real ciphertext.
                byte[] sealed = new AesGcm(v.key()).seal(v.iv(), v.aad(), v.msg());
                assertThat(sealed).as("%s: seal", v).isNotEqualTo(v.ctAndTag());
                if (v.flags().contains("ModifiedTag")) {
                    assertThat(Arrays.copyOfRange(sealed, 0, v.ct().length))
                            .as("%s: ct", v)
                            .isEqualTo(v.ct());
                }
            }
            case ACCEPTABLE -> {
                byte[] opened;
                try {
                    opened = new AesGcm(v.key()).open(v.iv(), v.aad(), v.ctAndTag());
                } catch (AEADBadTagException rejected) {
                    return;
                }
                assertThat(opened).as("%s: open = msg", v).isEqualTo(v.msg());
            }
            default -> throw new AssertionError(v.result());
        }
    }

    /** The offset-based seal/open the record layer uses: off-origin buffers, and sealing in place. */
    private static void checkOffsetApi(Vector v) throws AEADBadTagException {
        int pre = 7;
        int post = 3;
        byte[] ctAndTag = v.ctAndTag();

        byte[] pt = new byte[pre + v.msg().length + post];
        System.arraycopy(v.msg(), 0, pt, pre, v.msg().length);
        byte[] sealed = new byte[5 + ctAndTag.length];
        int written = new AesGcm(v.key()).seal(v.iv(), v.aad(), pt, pre, v.msg().length, sealed, 5);
        assertThat(written).as("%s: seal(offsets) length", v).isEqualTo(ctAndTag.length);
        assertThat(Arrays.copyOfRange(sealed, 5, sealed.length))
                .as("%s: seal(offsets)", v)
                .isEqualTo(ctAndTag);

        // In place, as RecordCipher seals: plaintext and ciphertext share one buffer and offset.
        byte[] buf = new byte[pre + ctAndTag.length + post];
        System.arraycopy(v.msg(), 0, buf, pre, v.msg().length);
        int inPlace = new AesGcm(v.key()).seal(v.iv(), v.aad(), buf, pre, v.msg().length, buf, pre);
        assertThat(inPlace).as("%s: seal(in place) length", v).isEqualTo(ctAndTag.length);
        assertThat(Arrays.copyOfRange(buf, pre, pre + ctAndTag.length))
                .as("%s: seal(in place)", v)
                .isEqualTo(ctAndTag);

        byte[] in = new byte[pre + ctAndTag.length + post];
        System.arraycopy(ctAndTag, 0, in, pre, ctAndTag.length);
        byte[] out = new byte[5 + v.msg().length];
        int read = new AesGcm(v.key()).open(v.iv(), v.aad(), in, pre, ctAndTag.length, out, 5);
        assertThat(read).as("%s: open(offsets) length", v).isEqualTo(v.msg().length);
        assertThat(Arrays.copyOfRange(out, 5, out.length))
                .as("%s: open(offsets)", v)
                .isEqualTo(v.msg());
    }

    @Test
    void applicableVectorsAreNotSilentlyDropped() {
        List<Vector> all = allVectors();
        List<Vector> applicable = all.stream().filter(Vector::applicable).toList();

        assertThat(all).as("every vector of the file was read").hasSize(FILE.numberOfTests());
        assertThat(applicable).hasSizeGreaterThanOrEqualTo(MIN_APPLICABLE);
        assertThat(applicable).filteredOn(v -> v.result() == Result.VALID).hasSizeGreaterThanOrEqualTo(116);
        assertThat(applicable).filteredOn(v -> v.result() == Result.INVALID).hasSizeGreaterThanOrEqualTo(81);
        // MARCOM's own parameters, AES-256: 39 valid + 27 invalid in the bundled file.
        assertThat(applicable).filteredOn(v -> v.keySize() == 256).hasSizeGreaterThanOrEqualTo(66);
        assertThat(applicable).extracting(Vector::keySize).contains(128, 192, 256);
        System.out.printf(
                "Wycheproof %s: %d vectors, %d run, %d skipped (IV/tag size)%n",
                FILE.name(), all.size(), applicable.size(), all.size() - applicable.size());
    }
}
