package dev.marcom.internal.crypto;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/** SHA-256 from the JDK's SUN provider (the JDK's intrinsic-backed implementation). */
public final class Sha256 {
    public static final int LENGTH = 32;

    private Sha256() {}

    /** A fresh SHA-256 digest. */
    public static MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
    }

    public static byte[] hash(byte[]... parts) {
        MessageDigest d = newDigest();
        for (byte[] p : parts) {
            d.update(p);
        }
        return d.digest();
    }
}
