package dev.marcom.internal.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.math.BigInteger;
import java.security.SecureRandom;
import org.bouncycastle.crypto.params.DHPublicKeyParameters;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * ElGamal key generation skips the subgroup check of its own public value (see {@link
 * ElGamalKem#generate}); these are the facts that make the skipped check unable to fail, and the
 * check itself run on many generated keys.
 */
class ElGamalKeyGenerationTest {
    private static final SecureRandom RANDOM = new SecureRandom();

    @ParameterizedTest
    @EnumSource(DhGroup.class)
    void theGeneratorIsAQuadraticResidueSoEveryPublicValueIsInTheSubgroup(DhGroup group) {
        BigInteger p = group.params().getP();
        BigInteger q = group.params().getQ();
        assertThat(p.mod(BigInteger.valueOf(8))).isEqualTo(BigInteger.valueOf(7));
        assertThat(group.params().getG()).isEqualTo(BigInteger.TWO);
        assertThat(BigInteger.TWO.modPow(q, p)).as("2 has order q").isEqualTo(BigInteger.ONE);
    }

    @ParameterizedTest
    @EnumSource(DhGroup.class)
    void generatedKeysAreGToTheXWithShortExponentsAndPassThePeerCheck(DhGroup group) {
        BigInteger p = group.params().getP();
        for (int i = 0; i < 64; i++) {
            ElGamalKem.KeyPair keys = ElGamalKem.generate(group, RANDOM);
            BigInteger x = keys.privateKey().getX();
            assertThat(x.bitLength()).isEqualTo(group.exponentBits());
            assertThat(keys.publicValue()).hasSize(group.elementBytes());
            BigInteger y = new BigInteger(1, keys.publicValue());
            assertThat(y).isEqualTo(BigInteger.TWO.modPow(x, p));
            assertThatCode(() -> ElGamalKem.validate(group, keys.publicValue())).doesNotThrowAnyException();
            assertThat(new DHPublicKeyParameters(y, group.params()).getY()).isEqualTo(y);
        }
    }

    @ParameterizedTest
    @EnumSource(DhGroup.class)
    void keysFromTheGeneratorAgreeWithEachOther(DhGroup group) throws Exception {
        ElGamalKem kem = ElGamalKem.of(group);
        ElGamalKem.KeyPair server = kem.generateKeyPair(RANDOM);
        Kem.Encapsulation e = kem.encapsulate(kem.checkPublicKey(server.publicKey()), RANDOM);
        assertThat(kem.decapsulate(server, kem.checkCiphertext(e.ciphertext()))).isEqualTo(e.sharedSecret());
    }
}
