package dev.marcom.internal.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import dev.marcom.internal.crypto.DsaWycheproofTest.Vector;
import dev.marcom.internal.crypto.dsa.DsaKeyVerifier;
import dev.marcom.internal.crypto.dsa.DsaVerifierKind;
import java.security.interfaces.DSAPublicKey;
import java.util.IdentityHashMap;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every Wycheproof DSA-SHA256 vector decided by MARCOM's verifier exactly as by the JDK's
 * {@code SHA256withDSA}: with a fresh verifier (Wycheproof's parameters are not MARCOM's
 * published sets, so BigInteger until the tables exist) and with one long-lived verifier per key,
 * whose tables are built after its first vectors.
 */
class DsaWycheproofDifferentialTest {
    /** One long-lived verifier per Wycheproof key object (the tests of a group share one key). */
    private static final IdentityHashMap<DSAPublicKey, DsaKeyVerifier> WARM = new IdentityHashMap<>();

    static Stream<Vector> vectors() {
        return DsaWycheproofTest.allVectors();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("vectors")
    void decidesAsTheJdk(Vector v) {
        DsaKeyVerifier warm;
        synchronized (WARM) {
            warm = WARM.computeIfAbsent(v.key(), k -> DsaKeyVerifier.of(k, DsaVerifierKind.MARCOM));
        }
        boolean jdk = Dsa.isValid(DsaKeyVerifier.of(v.key(), DsaVerifierKind.JDK), v.key(), v.msg(), v.sig());
        boolean fresh = Dsa.isValid(DsaKeyVerifier.of(v.key(), DsaVerifierKind.MARCOM), v.key(), v.msg(), v.sig());
        boolean tabled = Dsa.isValid(warm, v.key(), v.msg(), v.sig());
        assertThat(fresh).as("%s: fresh MARCOM verifier", v).isEqualTo(jdk);
        assertThat(tabled).as("%s: MARCOM verifier with tables", v).isEqualTo(jdk);
        assertThat(DsaKeyVerifier.of(v.key(), DsaVerifierKind.MARCOM).usesOwnArithmetic())
                .isTrue();
    }
}
