package dev.marcom.internal.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.marcom.AuthenticationException;
import dev.marcom.internal.crypto.WycheproofFile.Result;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.interfaces.DSAPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Wycheproof DSA-SHA256 verification vectors (2048/256 and 3072/256) through MARCOM's
 * {@link Dsa#verify}. Every vector is applicable.
 *
 * <p>{@code valid} must verify, {@code invalid} must not. The files' only {@code acceptable}
 * vector (tcId 1, flag {@code MissingZero}: r DER-encoded without its leading zero, i.e. as a
 * negative INTEGER) must be <em>rejected</em> too, because {@link Dsa} documents that it accepts
 * strict DER only; any other acceptable vector may go either way.
 */
class DsaWycheproofTest {
    static final List<String> FILES = List.of("dsa_2048_256_sha256_test.json", "dsa_3072_256_sha256_test.json");

    record Vector(
            String file,
            DSAPublicKey key,
            int tcId,
            String comment,
            List<String> flags,
            byte[] msg,
            byte[] sig,
            Result result) {
        @Override
        public String toString() {
            String size = file.replaceFirst("^dsa_(\\d+)_(\\d+)_.*", "$1/$2");
            return "DSA-" + size + " " + WycheproofFile.label(tcId, result, comment, flags);
        }
    }

    static DSAPublicKey publicKey(JsonNode group) {
        try {
            return (DSAPublicKey) KeyFactory.getInstance("DSA")
                    .generatePublic(new X509EncodedKeySpec(WycheproofFile.hex(group.get("publicKeyDer"))));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("bad publicKeyDer in a Wycheproof group", e);
        }
    }

    static List<Vector> vectors(WycheproofFile file) {
        List<Vector> vectors = new ArrayList<>();
        for (JsonNode g : file.groups()) {
            DSAPublicKey key = publicKey(g);
            for (JsonNode t : g.path("tests")) {
                vectors.add(new Vector(
                        file.name(),
                        key,
                        t.path("tcId").asInt(),
                        t.path("comment").asText(),
                        WycheproofFile.flags(t),
                        WycheproofFile.hex(t.get("msg")),
                        WycheproofFile.hex(t.get("sig")),
                        Result.of(t)));
            }
        }
        return vectors;
    }

    static Stream<String> files() {
        return FILES.stream();
    }

    static Stream<Vector> allVectors() {
        return files().flatMap(f -> vectors(WycheproofFile.load(f)).stream());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("allVectors")
    void vector(Vector v) {
        boolean verified;
        try {
            Dsa.verify(v.key(), v.msg(), v.sig(), "vector " + v.tcId());
            verified = true;
        } catch (AuthenticationException e) {
            assertThat(e).as("only the caller's message").hasMessage("vector " + v.tcId());
            verified = false;
        }
        switch (v.result()) {
            case VALID ->
                assertThat(verified).as("%s: valid signature verifies", v).isTrue();
            case INVALID ->
                assertThat(verified).as("%s: invalid signature is rejected", v).isFalse();
            case ACCEPTABLE -> {
                if (v.flags().contains("MissingZero") || v.flags().contains("BerEncodedSignature")) {
                    assertThat(verified)
                            .as("%s: Dsa accepts strict DER only", v)
                            .isFalse();
                }
            }
            default -> throw new AssertionError(v.result());
        }
    }

    /** Every group is DSA-SHA256 verification, and its DER key matches its p, q, g, y. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("files")
    void groupsAreSha256AndKeysAgree(String file) {
        WycheproofFile f = WycheproofFile.load(file);
        assertThat(f.algorithm()).isEqualTo("DSA");
        assertThat(f.groups()).isNotEmpty();
        for (JsonNode g : f.groups()) {
            assertThat(g.path("type").asText()).isEqualTo("DsaVerify");
            assertThat(g.path("sha").asText()).isEqualTo("SHA-256");
            DSAPublicKey key = publicKey(g);
            JsonNode pk = g.path("publicKey");
            assertThat(key.getParams().getP()).isEqualTo(integer(pk.get("p")));
            assertThat(key.getParams().getQ()).isEqualTo(integer(pk.get("q")));
            assertThat(key.getParams().getG()).isEqualTo(integer(pk.get("g")));
            assertThat(key.getY()).isEqualTo(integer(pk.get("y")));
            assertThat(key.getParams().getQ().bitLength()).isEqualTo(256);
        }
        List<Vector> vectors = vectors(f);
        assertThat(vectors).as("every vector of the file was read").hasSize(f.numberOfTests());
        // Observed in the bundled files: 366 each (82 valid, 283 invalid, 1 acceptable).
        assertThat(vectors).hasSizeGreaterThanOrEqualTo(366);
        assertThat(vectors).filteredOn(v -> v.result() == Result.VALID).hasSizeGreaterThanOrEqualTo(82);
        System.out.printf("Wycheproof %s: %d vectors, %d run, 0 skipped%n", file, vectors.size(), vectors.size());
    }

    /** Wycheproof integers are big-endian two's complement hex. */
    private static BigInteger integer(JsonNode hex) {
        return new BigInteger(WycheproofFile.hex(hex));
    }
}
