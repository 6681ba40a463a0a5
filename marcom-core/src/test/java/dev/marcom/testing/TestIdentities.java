package dev.marcom.testing;

import dev.marcom.SignatureAlgorithm;
import dev.marcom.identity.Identity;
import java.security.SecureRandom;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

/**
 * Identities shared by tests: generating keys is cheap, but sharing keeps tests fast. {@link
 * #ALICE}, {@link #BOB} and {@link #MALLORY} sign with DSA-2048; {@link #alice}, {@link #bob} and
 * {@link #mallory} give the same three parties for any {@link SignatureAlgorithm}, generated once
 * per run on first use.
 */
public final class TestIdentities {
    public static final Identity ALICE = Identity.generate(SignatureAlgorithm.DSA_2048_256, new SecureRandom());
    public static final Identity BOB = Identity.generate(SignatureAlgorithm.DSA_2048_256, new SecureRandom());
    public static final Identity MALLORY = Identity.generate(SignatureAlgorithm.DSA_2048_256, new SecureRandom());

    private TestIdentities() {}

    /** The parties of one algorithm, generated when a test first asks for any algorithm. */
    private static final class ByAlgorithm {
        static final Map<SignatureAlgorithm, Identity[]> PARTIES = parties();

        private static Map<SignatureAlgorithm, Identity[]> parties() {
            SecureRandom random = new SecureRandom();
            Map<SignatureAlgorithm, Identity[]> m = new EnumMap<>(SignatureAlgorithm.class);
            for (SignatureAlgorithm a : SignatureAlgorithm.values()) {
                m.put(
                        a,
                        a == SignatureAlgorithm.DSA_2048_256
                                ? new Identity[] {ALICE, BOB, MALLORY}
                                : new Identity[] {
                                    Identity.generate(a, random),
                                    Identity.generate(a, random),
                                    Identity.generate(a, random)
                                });
            }
            return Collections.unmodifiableMap(m);
        }
    }

    /**
     * Returns Alice's identity for an algorithm.
     *
     * @param algorithm the algorithm her key signs with
     * @return {@link #ALICE} for DSA-2048, otherwise a shared identity of {@code algorithm}
     */
    public static Identity alice(SignatureAlgorithm algorithm) {
        return ByAlgorithm.PARTIES.get(algorithm)[0];
    }

    /**
     * Returns Bob's identity for an algorithm.
     *
     * @param algorithm the algorithm his key signs with
     * @return {@link #BOB} for DSA-2048, otherwise a shared identity of {@code algorithm}
     */
    public static Identity bob(SignatureAlgorithm algorithm) {
        return ByAlgorithm.PARTIES.get(algorithm)[1];
    }

    /**
     * Returns Mallory's identity for an algorithm.
     *
     * @param algorithm the algorithm her key signs with
     * @return {@link #MALLORY} for DSA-2048, otherwise a shared identity of {@code algorithm}
     */
    public static Identity mallory(SignatureAlgorithm algorithm) {
        return ByAlgorithm.PARTIES.get(algorithm)[2];
    }
}
