package dev.marcom.testing;

import dev.marcom.SignatureAlgorithm;
import dev.marcom.identity.Identity;
import java.security.SecureRandom;

/** Identities shared by tests: generating DSA keys is cheap, but sharing keeps tests fast. */
public final class TestIdentities {
    public static final Identity ALICE = Identity.generate(SignatureAlgorithm.DSA_2048_256, new SecureRandom());
    public static final Identity BOB = Identity.generate(SignatureAlgorithm.DSA_2048_256, new SecureRandom());
    public static final Identity MALLORY = Identity.generate(SignatureAlgorithm.DSA_2048_256, new SecureRandom());

    private TestIdentities() {}
}
