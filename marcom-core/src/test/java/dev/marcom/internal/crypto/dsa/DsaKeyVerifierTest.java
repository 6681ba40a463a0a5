package dev.marcom.internal.crypto.dsa;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.math.BigInteger;
import java.security.KeyPairGenerator;
import java.security.interfaces.DSAPublicKey;
import org.junit.jupiter.api.Test;

/** The per-key verifier's life cycle, the fallback switch and the key that carries a verifier. */
class DsaKeyVerifierTest {

    private static DSAPublicKey key(int size) throws Exception {
        KeyPairGenerator gen = KeyPairGenerator.getInstance("DSA", "SUN");
        gen.initialize(size);
        return (DSAPublicKey) gen.generateKeyPair().getPublic();
    }

    @Test
    void buildsTheKeyTableAfterItsThresholdAndNotBefore() throws Exception {
        DSAPublicKey key = key(2048);
        DsaKeyVerifier v = DsaKeyVerifier.of(key, DsaVerifierKind.MARCOM);
        BigInteger q = key.getParams().getQ();
        for (int i = 1; i <= DsaKeyVerifier.TABLE_AFTER + 2; i++) {
            BigInteger u1 = BigInteger.valueOf(i).multiply(q).shiftRight(3);
            BigInteger u2 = q.subtract(BigInteger.valueOf(i));
            BigInteger p = key.getParams().getP();
            assertThat(v.power(u1, u2))
                    .isEqualTo(key.getParams()
                            .getG()
                            .modPow(u1, p)
                            .multiply(key.getY().modPow(u2, p))
                            .mod(p));
            assertThat(v.hasKeyTable()).as("after %d verifications", i).isEqualTo(i >= DsaKeyVerifier.TABLE_AFTER);
        }
    }

    /** The sizes the documentation states (docs/BENCHMARKS.md, DsaKeyVerifier, CombTable). */
    @Test
    void tableSizesAreTheDocumentedOnes() {
        long[][] expected = {
            {2048, DsaKeyVerifier.KEY_TEETH, DsaDomain.STEADY_COLUMNS, 454_656},
            {3072, DsaKeyVerifier.KEY_TEETH, DsaDomain.STEADY_COLUMNS, 675_840},
            {2048, DsaDomain.STEADY_G_TEETH, DsaDomain.STEADY_COLUMNS, 4_849_664},
            {3072, DsaDomain.STEADY_G_TEETH, DsaDomain.STEADY_COLUMNS, 7_208_960},
            {2048, DsaDomain.FIRST_USE_G_TEETH, DsaDomain.FIRST_USE_COLUMNS, 151_552},
            {3072, DsaDomain.FIRST_USE_G_TEETH, DsaDomain.FIRST_USE_COLUMNS, 225_280}
        };
        for (long[] e : expected) {
            BigInteger p = BigInteger.ONE.shiftLeft((int) e[0] - 1).setBit(0);
            MontgomeryField field = new MontgomeryField(p);
            CombTable table = CombTable.build(field, field.one(), 256, (int) e[1], (int) e[2]);
            assertThat(table.sizeBytes())
                    .as("%d bits, %d teeth, %d columns", e[0], e[1], e[2])
                    .isEqualTo(e[3]);
        }
    }

    @Test
    void leavesUnsupportedKeysAndTheJdkKindToTheJdk() throws Exception {
        DSAPublicKey key = key(2048);
        assertThat(DsaKeyVerifier.of(key, DsaVerifierKind.MARCOM).usesOwnArithmetic())
                .isTrue();
        DsaKeyVerifier jdk = DsaKeyVerifier.of(key, DsaVerifierKind.JDK);
        assertThat(jdk.usesOwnArithmetic()).isFalse();
        assertThatThrownBy(() -> jdk.verify(new byte[32], BigInteger.ONE, BigInteger.ONE))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void systemPropertySelectsTheVerifier() {
        String old = System.getProperty(DsaVerifierKind.PROPERTY);
        try {
            System.clearProperty(DsaVerifierKind.PROPERTY);
            assertThat(DsaVerifierKind.fromSystemProperty()).isEqualTo(DsaVerifierKind.MARCOM);
            System.setProperty(DsaVerifierKind.PROPERTY, "jdk");
            assertThat(DsaVerifierKind.fromSystemProperty()).isEqualTo(DsaVerifierKind.JDK);
            System.setProperty(DsaVerifierKind.PROPERTY, " MARCOM ");
            assertThat(DsaVerifierKind.fromSystemProperty()).isEqualTo(DsaVerifierKind.MARCOM);
            System.setProperty(DsaVerifierKind.PROPERTY, "openssl");
            assertThatThrownBy(DsaVerifierKind::fromSystemProperty)
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("openssl");
        } finally {
            if (old == null) {
                System.clearProperty(DsaVerifierKind.PROPERTY);
            } else {
                System.setProperty(DsaVerifierKind.PROPERTY, old);
            }
        }
    }

    @Test
    void verifyingKeyBehavesAsTheKeyItWraps() throws Exception {
        DSAPublicKey key = key(2048);
        DSAPublicKey wrapped = VerifyingDsaPublicKey.of(key);
        assertThat(VerifyingDsaPublicKey.of(wrapped)).isSameAs(wrapped);
        assertThat(wrapped.getEncoded()).isEqualTo(key.getEncoded());
        assertThat(wrapped.getY()).isEqualTo(key.getY());
        assertThat(wrapped.getParams()).isSameAs(key.getParams());
        assertThat(wrapped.getAlgorithm()).isEqualTo("DSA");
        assertThat(wrapped.getFormat()).isEqualTo(key.getFormat());
        assertThat(wrapped).isEqualTo(key).hasSameHashCodeAs(key);
        assertThat(key).isEqualTo(wrapped);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(wrapped);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            Object back = in.readObject();
            assertThat(back).isNotInstanceOf(VerifyingDsaPublicKey.class).isEqualTo(key);
        }
    }
}
