package dev.marcom.testing;

import dev.marcom.identity.Identity;
import dev.marcom.identity.PeerIdentity;
import dev.marcom.internal.crypto.Sha256;
import java.math.BigInteger;
import java.security.KeyFactory;
import java.security.SecureRandom;
import java.security.interfaces.DSAParams;
import java.security.spec.DSAPrivateKeySpec;
import org.bouncycastle.crypto.signers.StandardDSAEncoding;

/**
 * The duplicate-signature key selection attack on DSA (Blake-Wilson and Menezes, PKC 1999;
 * Menezes and Smart, 2004): given someone's signature (r, s) on some data, anyone can make a key
 * pair of their own, with its own generator, under which that same signature verifies over that
 * same data. DSA cannot prevent it; only signed data that names the signer's key can, because the
 * new key has another SubjectPublicKeyInfo.
 *
 * <p>With h = SHA-256(data), w = s^-1, u1 = h·w, u2 = r·w (mod q), the verifier computes
 * R = g^u1 · y^u2 (mod p) and accepts when R mod q = r. Choose any x', put
 * g' = R^((u1 + x'·u2)^-1 mod q) and y' = g'^x': then g'^u1 · y'^u2 = g'^(u1 + x'·u2) = R, so
 * (r, s) verifies under (p, q, g', y') too. g' lies in the order-q subgroup because R does.
 */
public final class DuplicateSignatureKeys {
    private DuplicateSignatureKeys() {}

    /**
     * A new identity (its private key included) under which {@code signature}, made by
     * {@code signer} over {@code signedData}, verifies as well.
     */
    public static Identity forSignature(PeerIdentity signer, byte[] signedData, byte[] signature) throws Exception {
        DSAParams params = ((java.security.interfaces.DSAPublicKey) signer.publicKey()).getParams();
        BigInteger p = params.getP();
        BigInteger q = params.getQ();
        BigInteger[] rs = StandardDSAEncoding.INSTANCE.decode(q, signature);
        BigInteger r = rs[0];
        BigInteger s = rs[1];
        // FIPS 186-4: the leftmost min(N, outlen) bits of the hash; here N = outlen = 256.
        BigInteger h = new BigInteger(1, Sha256.hash(signedData));
        BigInteger w = s.modInverse(q);
        BigInteger u1 = h.multiply(w).mod(q);
        BigInteger u2 = r.multiply(w).mod(q);
        BigInteger bigR = params.getG()
                .modPow(u1, p)
                .multiply(((java.security.interfaces.DSAPublicKey) signer.publicKey())
                        .getY()
                        .modPow(u2, p))
                .mod(p);
        if (!bigR.mod(q).equals(r)) {
            throw new IllegalArgumentException("the signature does not verify under the signer's key");
        }
        SecureRandom random = new SecureRandom();
        while (true) {
            BigInteger x = new BigInteger(q.bitLength(), random).mod(q);
            BigInteger e = u1.add(x.multiply(u2)).mod(q);
            if (x.signum() == 0 || e.signum() == 0) {
                continue;
            }
            BigInteger g = bigR.modPow(e.modInverse(q), p);
            byte[] pkcs8 = KeyFactory.getInstance("DSA")
                    .generatePrivate(new DSAPrivateKeySpec(x, p, q, g))
                    .getEncoded();
            return Identity.fromPkcs8(pkcs8);
        }
    }
}
