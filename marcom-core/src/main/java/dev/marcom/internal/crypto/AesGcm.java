package dev.marcom.internal.crypto;

import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * AES-GCM with a 128-bit tag through the JDK's SunJCE provider (AES-NI and CLMUL intrinsics),
 * measured faster than BouncyCastle's software GCM. One instance owns one {@link Cipher}: it is
 * not thread-safe; use one per direction. The {@code Cipher} is made on first use: before that a
 * JCA cipher (its provider search state, about a kilobyte) would only sit in an idle session.
 *
 * <p><b>Warning:</b> the caller supplies the nonce. Only the record layer, which derives nonces
 * from a per-direction IV and a strictly increasing sequence number, and the single-use key
 * encapsulation may call it.
 */
public final class AesGcm implements Aead.Keyed {
    public static final int TAG_BYTES = 16;
    public static final int NONCE_BYTES = 12;
    public static final int KEY_BYTES = 32;

    /** AES-256-GCM with a 96-bit nonce and a 128-bit tag, the record protection of every suite. */
    public static final Aead AES_256 = new Aead() {
        @Override
        public int keyBytes() {
            return KEY_BYTES;
        }

        @Override
        public int nonceBytes() {
            return NONCE_BYTES;
        }

        @Override
        public int tagBytes() {
            return TAG_BYTES;
        }

        @Override
        public Aead.Keyed withKey(byte[] key) {
            if (key.length != KEY_BYTES) {
                throw new IllegalArgumentException("AES-256 key must be 32 bytes");
            }
            return new AesGcm(key);
        }

        @Override
        public String toString() {
            return "AES-256-GCM";
        }
    };

    private final SecretKeySpec key;
    /** Made by {@link #cipher()} on the first seal or open; null until then. */
    private Cipher cipher;

    /** @param key a 16-, 24- or 32-byte AES key; MARCOM uses 32 bytes (AES-256) */
    public AesGcm(byte[] key) {
        if (key.length != 16 && key.length != 24 && key.length != 32) {
            throw new IllegalArgumentException("AES key must be 16, 24 or 32 bytes");
        }
        this.key = new SecretKeySpec(key, "AES");
    }

    /** The JCA cipher, made on first use. */
    private Cipher cipher() {
        Cipher c = cipher;
        if (c == null) {
            try {
                c = Cipher.getInstance("AES/GCM/NoPadding");
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("AES/GCM/NoPadding unavailable", e);
            }
            cipher = c;
        }
        return c;
    }

    /** Encrypts {@code plaintext} into {@code out} at {@code outOffset}; returns bytes written. */
    public int seal(byte[] nonce, byte[] aad, byte[] plaintext, int offset, int length, byte[] out, int outOffset) {
        checkNonce(nonce);
        Cipher cipher = cipher();
        try {
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BYTES * 8, nonce));
            cipher.updateAAD(aad);
            return cipher.doFinal(plaintext, offset, length, out, outOffset);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM encryption failed", e);
        }
    }

    private static void checkNonce(byte[] nonce) {
        if (nonce.length != NONCE_BYTES) {
            throw new IllegalArgumentException("AES-GCM nonce must be 12 bytes, was " + nonce.length);
        }
    }

    /**
     * Encrypts {@code head ‖ content[offset..offset+length)} into {@code out} at {@code outOffset}
     * without first joining the two parts (the content is read in place, never copied); returns
     * the bytes written. {@code out} must not overlap {@code content}.
     */
    @Override
    public int sealParts(
            byte[] nonce, byte[] aad, byte[] head, byte[] content, int offset, int length, byte[] out, int outOffset) {
        checkNonce(nonce);
        Cipher cipher = cipher();
        try {
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BYTES * 8, nonce));
            cipher.updateAAD(aad);
            int n = cipher.update(head, 0, head.length, out, outOffset);
            return n + cipher.doFinal(content, offset, length, out, outOffset + n);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM encryption failed", e);
        }
    }

    /** Convenience: returns ciphertext ‖ tag. */
    public byte[] seal(byte[] nonce, byte[] aad, byte[] plaintext) {
        byte[] out = new byte[plaintext.length + TAG_BYTES];
        seal(nonce, aad, plaintext, 0, plaintext.length, out, 0);
        return out;
    }

    /**
     * Decrypts and authenticates; returns the plaintext length written to {@code out}.
     *
     * @throws AEADBadTagException if the tag does not verify (nothing in {@code out} may be used)
     */
    @Override
    public int open(byte[] nonce, byte[] aad, byte[] ciphertext, int offset, int length, byte[] out, int outOffset)
            throws AEADBadTagException {
        checkNonce(nonce);
        if (length < TAG_BYTES) {
            throw new AEADBadTagException("ciphertext shorter than the tag");
        }
        Cipher cipher = cipher();
        try {
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BYTES * 8, nonce));
            cipher.updateAAD(aad);
            return cipher.doFinal(ciphertext, offset, length, out, outOffset);
        } catch (AEADBadTagException e) {
            throw e;
        } catch (InvalidKeyException e) {
            throw new IllegalStateException("AES key rejected", e);
        } catch (GeneralSecurityException e) {
            throw new AEADBadTagException(
                    "AES-GCM decryption failed: " + e.getClass().getSimpleName());
        }
    }

    /** Convenience: returns the plaintext. @throws AEADBadTagException if not authentic */
    public byte[] open(byte[] nonce, byte[] aad, byte[] ciphertext) throws AEADBadTagException {
        if (ciphertext.length < TAG_BYTES) {
            throw new AEADBadTagException("ciphertext shorter than the tag");
        }
        byte[] out = new byte[ciphertext.length - TAG_BYTES];
        open(nonce, aad, ciphertext, 0, ciphertext.length, out, 0);
        return out;
    }
}
