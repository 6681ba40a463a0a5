package dev.marcom.internal.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.marcom.AuthenticationException;
import dev.marcom.MalformedInputException;
import dev.marcom.SignatureAlgorithm;
import dev.marcom.internal.crypto.dsa.DsaKeyVerifier;
import dev.marcom.internal.crypto.dsa.DsaVerifierKind;
import dev.marcom.internal.crypto.dsa.VerifyingDsaPublicKey;
import java.math.BigInteger;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.PublicKey;
import java.security.interfaces.DSAParams;
import java.security.interfaces.DSAPrivateKey;
import java.security.spec.DSAPrivateKeySpec;
import org.junit.jupiter.api.Test;

/**
 * The DSA scheme's private-key checks hold at their edges (0 < x < q), and the keys it hands out
 * carry the verifier that the system property {@code dev.marcom.dsa.verifier} selects.
 */
class DsaSchemeTest {
    private static final SignatureScheme DSA = SignatureSchemes.of(SignatureAlgorithm.DSA_2048_256);

    private static byte[] pkcs8WithX(BigInteger x) throws Exception {
        DSAParams p = ((DSAPrivateKey)
                        DSA.generateKeyPair(new java.security.SecureRandom()).getPrivate())
                .getParams();
        return KeyFactory.getInstance("DSA")
                .generatePrivate(new DSAPrivateKeySpec(x, p.getP(), p.getQ(), p.getG()))
                .getEncoded();
    }

    private static BigInteger q() {
        return ((DSAPrivateKey)
                        DSA.generateKeyPair(new java.security.SecureRandom()).getPrivate())
                .getParams()
                .getQ();
    }

    @Test
    void aPrivateValueFromOneToQMinusOneIsAccepted() throws Exception {
        assertThat(DSA.decodePrivateKey(pkcs8WithX(BigInteger.ONE)).getPublic()).isNotNull();
        assertThat(DSA.decodePrivateKey(pkcs8WithX(q().subtract(BigInteger.ONE)))
                        .getPublic())
                .isNotNull();
    }

    @Test
    void aPrivateValueOfZeroOrQIsRefused() throws Exception {
        for (BigInteger x : new BigInteger[] {BigInteger.ZERO, q()}) {
            assertThatThrownBy(() -> DSA.decodePrivateKey(pkcs8WithX(x)))
                    .as("x = %s", x)
                    .isInstanceOf(MalformedInputException.class)
                    .hasMessageContaining("out of range");
        }
    }

    @Test
    void aPublicValueOutsideTheSubgroupIsRefused() throws Exception {
        DSAParams p = ((DSAPrivateKey)
                        DSA.generateKeyPair(new java.security.SecureRandom()).getPrivate())
                .getParams();
        BigInteger pMinus1 = p.getP().subtract(BigInteger.ONE);
        for (BigInteger y : new BigInteger[] {BigInteger.ZERO, BigInteger.ONE, pMinus1, p.getP()}) {
            byte[] spki = KeyFactory.getInstance("DSA")
                    .generatePublic(new java.security.spec.DSAPublicKeySpec(y, p.getP(), p.getQ(), p.getG()))
                    .getEncoded();
            assertThatThrownBy(() -> DSA.decodePublicKey(spki))
                    .as("y = %s", y.bitLength() > 8 ? "p-ish" : y)
                    .isInstanceOf(MalformedInputException.class)
                    .hasMessage("DSA identity values fail the subgroup check");
        }
    }

    @Test
    void schemesAndMechanismsNameThemselves() {
        assertThat(DSA.toString()).isEqualTo("DSA-2048/256 with SHA-256");
        assertThat(ElGamalKem.of(DhGroup.FFDHE3072)).hasToString("ElGamal(ffdhe3072)");
        assertThat(ElGamalKem.of(DhGroup.FFDHE3072).family()).isEqualTo("ElGamal");
    }

    @Test
    void keysTheSchemeHandsOutCarryTheirVerifierAndTheSwitchSelectsIt() throws Exception {
        String old = System.getProperty(DsaVerifierKind.PROPERTY);
        try {
            for (DsaVerifierKind kind : DsaVerifierKind.values()) {
                System.setProperty(DsaVerifierKind.PROPERTY, kind.name().toLowerCase(java.util.Locale.ROOT));
                KeyPair generated = DSA.generateKeyPair(new java.security.SecureRandom());
                PublicKey decoded = DSA.decodePublicKey(generated.getPublic().getEncoded());
                PublicKey derived = DSA.decodePrivateKey(generated.getPrivate().getEncoded())
                        .getPublic();
                for (PublicKey key : new PublicKey[] {generated.getPublic(), decoded, derived}) {
                    assertThat(key).isInstanceOf(VerifyingDsaPublicKey.class);
                    DsaKeyVerifier verifier = ((VerifyingDsaPublicKey) key).verifier();
                    assertThat(verifier.kind()).isEqualTo(kind);
                    assertThat(verifier.usesOwnArithmetic()).isEqualTo(kind == DsaVerifierKind.MARCOM);
                    assertThat(key.getEncoded()).isEqualTo(generated.getPublic().getEncoded());
                }
                byte[] data = {1, 2, 3};
                byte[] signature = DSA.sign(generated.getPrivate(), data);
                // Past the key table's threshold, so both of the own verifier's paths run.
                for (int i = 0; i <= DsaKeyVerifier.TABLE_AFTER; i++) {
                    DSA.verify(decoded, data, signature, "valid");
                }
                byte[] other = {1, 2, 4};
                assertThatThrownBy(() -> DSA.verify(decoded, other, signature, "invalid"))
                        .as("%s verifier", kind)
                        .isInstanceOf(AuthenticationException.class)
                        .hasMessage("invalid");
            }
        } finally {
            if (old == null) {
                System.clearProperty(DsaVerifierKind.PROPERTY);
            } else {
                System.setProperty(DsaVerifierKind.PROPERTY, old);
            }
        }
    }
}
