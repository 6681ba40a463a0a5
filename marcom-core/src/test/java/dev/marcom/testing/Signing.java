package dev.marcom.testing;

import dev.marcom.AuthenticationException;
import dev.marcom.identity.Identity;
import dev.marcom.identity.PeerIdentity;
import dev.marcom.internal.crypto.SignatureSchemes;

/** Signs and verifies with an identity's own scheme, for interoperability tests. */
public final class Signing {
    private Signing() {}

    /** Signs {@code data} with {@code id}'s private key, in its algorithm's encoding. */
    public static byte[] sign(Identity id, byte[] data) {
        return SignatureSchemes.of(id.algorithm()).sign(id.privateKey(), data);
    }

    /** Whether {@code signature} is {@code signer}'s valid signature over {@code data}. */
    public static boolean verifies(PeerIdentity signer, byte[] data, byte[] signature) {
        try {
            SignatureSchemes.of(signer.algorithm()).verify(signer.publicKey(), data, signature, "invalid");
            return true;
        } catch (AuthenticationException e) {
            return false;
        }
    }
}
