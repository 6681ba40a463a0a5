package dev.marcom.internal.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.marcom.MalformedInputException;
import dev.marcom.SignatureAlgorithm;
import java.math.BigInteger;
import java.security.KeyFactory;
import java.security.interfaces.DSAParams;
import java.security.interfaces.DSAPrivateKey;
import java.security.spec.DSAPrivateKeySpec;
import org.junit.jupiter.api.Test;

/** The DSA scheme's private-key checks hold at their edges: 0 < x < q. */
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
}
