package dev.marcom.internal.crypto.dsa;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The arithmetic under MARCOM's DSA verifier against {@link BigInteger}: Montgomery products over
 * the whole lazy range [0, 2p), digit conversions, and comb-table exponentiation, for moduli of
 * many sizes (up to 3,072 bits, where the column sums come closest to 2^64).
 */
class MontgomeryFieldTest {

    static IntStream sizes() {
        return IntStream.of(3, 17, 28, 29, 200, 511, 1024, 2047, 2048, 2049, 3070, 3072);
    }

    private static BigInteger oddModulus(int bits, SplittableRandom r) {
        BigInteger p = new BigInteger(bits, new java.util.Random(r.nextLong()))
                .setBit(bits - 1)
                .setBit(0);
        return p;
    }

    private static BigInteger below(BigInteger bound, SplittableRandom r) {
        return new BigInteger(bound.bitLength() + 8, new java.util.Random(r.nextLong())).mod(bound);
    }

    @ParameterizedTest(name = "{0} bits")
    @MethodSource("sizes")
    void productsMatchBigIntegerOverTheLazyRange(int bits) {
        SplittableRandom r = new SplittableRandom(bits);
        for (int m = 0; m < 5; m++) {
            BigInteger p = m == 0 ? BigInteger.ONE.shiftLeft(bits).subtract(BigInteger.ONE) : oddModulus(bits, r);
            MontgomeryField f = new MontgomeryField(p);
            BigInteger twoP = p.shiftLeft(1);
            BigInteger rInv = BigInteger.ONE
                    .shiftLeft(MontgomeryField.DIGIT_BITS * f.digits())
                    .modInverse(p);
            MontgomeryField.Scratch scratch = f.newScratch();
            List<BigInteger> edges = List.of(
                    BigInteger.ZERO,
                    BigInteger.ONE,
                    p.subtract(BigInteger.ONE),
                    p,
                    p.add(BigInteger.ONE),
                    twoP.subtract(BigInteger.ONE));
            for (int t = 0; t < 200; t++) {
                BigInteger a = t < 36 ? edges.get(t % 6) : below(twoP, r);
                BigInteger b = t < 36 ? edges.get(t / 6) : below(twoP, r);
                long[] bd = MontgomeryField.digits(b, f.digits());
                int[] ad = MontgomeryField.toInts(MontgomeryField.digits(a, f.digits()));
                f.multiply(ad, 0, bd, bd, scratch);
                BigInteger got = MontgomeryField.fromDigits(bd);
                assertThat(got).as("a=%s b=%s p=%s", a, b, p).isLessThan(twoP);
                assertThat(got.mod(p)).isEqualTo(a.multiply(b).multiply(rInv).mod(p));
                for (long digit : bd) {
                    assertThat(digit).isBetween(0L, MontgomeryField.MASK);
                }
            }
            for (int t = 0; t < 20; t++) {
                BigInteger x = t == 0 ? p.negate().subtract(BigInteger.TEN) : t == 1 ? twoP.add(p) : below(p, r);
                assertThat(f.toBigInteger(f.toMontgomery(x, scratch), scratch)).isEqualTo(x.mod(p));
            }
        }
    }

    /** g's teeth, y's teeth, columns: small tables, and the configurations the verifier uses. */
    static Stream<Arguments> combs() {
        return Stream.of(
                Arguments.of(1, 1, 16),
                Arguments.of(2, 2, 16),
                Arguments.of(5, 5, 16),
                Arguments.of(6, 6, 16),
                Arguments.of(DsaDomain.FIRST_USE_G_TEETH, DsaDomain.FIRST_USE_G_TEETH, DsaDomain.FIRST_USE_COLUMNS),
                Arguments.of(DsaKeyVerifier.KEY_TEETH, DsaKeyVerifier.KEY_TEETH, DsaDomain.STEADY_COLUMNS),
                Arguments.of(DsaDomain.STEADY_G_TEETH, DsaKeyVerifier.KEY_TEETH, DsaDomain.STEADY_COLUMNS));
    }

    @ParameterizedTest(name = "g {0} teeth, y {1} teeth, {2} columns")
    @MethodSource("combs")
    void combTablesMatchModPow(int gTeeth, int yTeeth, int columns) {
        SplittableRandom r = new SplittableRandom(gTeeth * 1000L + yTeeth * 100L + columns);
        for (int bits : new int[] {2048, 3072, 1001}) {
            BigInteger p = oddModulus(bits, r);
            MontgomeryField f = new MontgomeryField(p);
            MontgomeryField.Scratch scratch = f.newScratch();
            BigInteger g = below(p, r);
            BigInteger y = below(p, r);
            int expBits = 256;
            CombTable tg = CombTable.build(f, f.toMontgomery(g, scratch), expBits, gTeeth, columns);
            CombTable ty = CombTable.build(f, f.toMontgomery(y, scratch), expBits, yTeeth, columns);
            assertThat(tg.capacityBits()).isGreaterThanOrEqualTo(expBits);
            assertThat(ty.capacityBits()).isGreaterThanOrEqualTo(expBits);
            BigInteger max = BigInteger.ONE.shiftLeft(expBits).subtract(BigInteger.ONE);
            for (int t = 0; t < 12; t++) {
                BigInteger e1 = t == 0
                        ? BigInteger.ZERO
                        : t == 1
                                ? max
                                : t == 2 ? BigInteger.ONE : new BigInteger(expBits, new java.util.Random(r.nextLong()));
                BigInteger e2 = t == 0
                        ? BigInteger.ZERO
                        : t == 3 ? max : new BigInteger(r.nextInt(1, expBits + 1), new java.util.Random(r.nextLong()));
                long[] acc = MultiExponentiation.product(
                        f,
                        List.of(
                                new MultiExponentiation.Comb(tg, Exponents.words(e1)),
                                new MultiExponentiation.Comb(ty, Exponents.words(e2))),
                        scratch);
                assertThat(f.toBigInteger(acc, scratch))
                        .isEqualTo(g.modPow(e1, p).multiply(y.modPow(e2, p)).mod(p));
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"0", "1", "2", "-7", "4", "10"})
    void rejectsModuliItDoesNotHandle(String value) {
        BigInteger p = new BigInteger(value);
        assertThat(MontgomeryField.supports(p)).isFalse();
        assertThatThrownBy(() -> new MontgomeryField(p)).isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest(name = "{0} bits")
    @ValueSource(ints = {3073, 4096})
    void rejectsModuliOverTheLimit(int bits) {
        BigInteger p = BigInteger.ONE.shiftLeft(bits - 1).setBit(0);
        assertThat(MontgomeryField.supports(p)).isFalse();
    }
}
