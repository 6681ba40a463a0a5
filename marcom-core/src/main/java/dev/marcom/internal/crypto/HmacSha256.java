package dev.marcom.internal.crypto;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** HMAC-SHA256 from the JDK's SunJCE provider, with constant-time verification. */
public final class HmacSha256 {
    private HmacSha256() {}

    public static byte[] mac(byte[] key, byte[] data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }

    /** Constant-time comparison of an expected and a received MAC. */
    public static boolean equal(byte[] expected, byte[] received) {
        return MessageDigest.isEqual(expected, received);
    }
}
