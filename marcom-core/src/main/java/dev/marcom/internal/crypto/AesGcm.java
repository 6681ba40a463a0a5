package dev.marcom.internal.crypto;

import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.util.Arrays;
import java.util.Objects;
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
    /** Made by {@link #joint()} on the first {@link #sealParts}; wiped after each use. */
    private byte[] joint;

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
     * without first joining the two parts (the content is read in place; at most {@link
     * #CHUNK_BYTES} bytes of it are copied, see below); returns the bytes written. {@code out} must
     * not overlap {@code content}.
     *
     * <p>JDK 25's SunJCE, on CPUs with its fused AES-GCM intrinsic (x86-64 with AVX2 or better,
     * some AArch64), encrypts with it only whole chunks of {@value #CHUNK_BYTES} bytes taken from
     * the start of each call with nothing buffered; the rest of a call goes through its separate,
     * slower counter-mode and GHASH paths. Passing a 75-byte head and then the content sent about
     * 590 of a 16 KiB record's bytes through the slow paths (the 11 bytes the head leaves over must
     * first be completed to a block). So the head's last partial chunk is completed with the
     * content's first bytes in a small buffer ({@link #split}), and every call but the last ends on
     * a chunk boundary; the ciphertext is the same either way (GCM is a stream). JDK 17 has no
     * fused intrinsic (its counter mode and GHASH are intrinsics of their own): there only the
     * block merge is saved.
     *
     * @throws IndexOutOfBoundsException if {@code offset} and {@code length} are not a range of
     *     {@code content} (checked before anything is copied)
     */
    @Override
    public int sealParts(
            byte[] nonce, byte[] aad, byte[] head, byte[] content, int offset, int length, byte[] out, int outOffset) {
        checkNonce(nonce);
        Objects.checkFromIndexSize(offset, length, content.length);
        Cipher cipher = cipher();
        Split split = split(head.length, length);
        try {
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BYTES * 8, nonce));
            cipher.updateAAD(aad);
            int n = split.whole() == 0 ? 0 : cipher.update(head, 0, split.whole(), out, outOffset);
            if (split.joined() > 0) {
                byte[] joint = joint();
                try {
                    System.arraycopy(head, split.whole(), joint, 0, split.rest());
                    System.arraycopy(content, offset, joint, split.rest(), split.fill());
                    n += cipher.update(joint, 0, split.joined(), out, outOffset + n);
                } finally {
                    Arrays.fill(joint, 0, split.joined(), (byte) 0);
                }
            }
            return n + cipher.doFinal(content, offset + split.fill(), length - split.fill(), out, outOffset + n);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM encryption failed", e);
        }
    }

    /**
     * How {@link #sealParts} cuts {@code head ‖ content}: the head's first {@code whole} bytes
     * (whole chunks) straight from the head; then, in the joint buffer, the head's remaining
     * {@code rest} bytes and the content's first {@code fill} bytes ({@link #joined} bytes in all: a
     * whole chunk unless the content ends first); then the rest of the content.
     */
    record Split(int whole, int rest, int fill) {
        /** The bytes joined in the buffer: the head's rest and the content's fill. */
        int joined() {
            return rest + fill;
        }
    }

    static Split split(int headBytes, int contentBytes) {
        int whole = headBytes - headBytes % CHUNK_BYTES;
        int rest = headBytes - whole;
        int fill = rest == 0 ? 0 : Math.min(contentBytes, CHUNK_BYTES - rest);
        return new Split(whole, rest, fill);
    }

    /** The chunk {@link #sealParts} aligns its calls to: SunJCE's fused-intrinsic granularity. */
    static final int CHUNK_BYTES = 512;

    /** The buffer joining the head's tail and the content's start: made by the first seal. */
    private byte[] joint() {
        byte[] j = joint;
        if (j == null) {
            j = new byte[CHUNK_BYTES];
            joint = j;
        }
        return j;
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
