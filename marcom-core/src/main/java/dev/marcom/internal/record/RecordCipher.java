package dev.marcom.internal.record;

import dev.marcom.AuthenticationException;
import dev.marcom.MalformedInputException;
import dev.marcom.internal.crypto.Aead;
import dev.marcom.internal.crypto.AesGcm;
import dev.marcom.internal.crypto.Hkdf;
import dev.marcom.internal.crypto.Kdf;
import dev.marcom.internal.crypto.KeySchedule;
import dev.marcom.internal.wire.FrameType;
import dev.marcom.internal.wire.Frames;
import java.util.Arrays;
import java.util.Objects;
import javax.crypto.AEADBadTagException;

/**
 * One direction of record protection: AES-256-GCM under the direction's key, with
 * {@code nonce = iv XOR (0^32 ‖ sequence)} and {@code aad = frame header ‖ sequence}. The
 * sequence number is implicit (never on the wire): a replayed, reordered or dropped record fails
 * authentication. State advances only after success; the owner treats any failure as fatal.
 *
 * <p>The cipher is the only owner of its key and IV: it derives them from the traffic secret and
 * reports them, and each record it seals or opens, to its {@link Observer} (the trace), so nothing
 * else derives them again.
 *
 * <p>Not thread-safe: a session guards each direction with its own lock.
 */
public final class RecordCipher {
    private static final int AAD_BYTES = Frames.HEADER_BYTES + 8;

    /**
     * Told what the cipher does, for tracing. Called on the cipher's thread, after each step
     * succeeded; must not throw and must not keep the arrays it is given (they are the cipher's own
     * buffers, and the key is wiped when {@link #installed} returns).
     */
    public interface Observer {
        /** Observes nothing. */
        Observer NONE = new Observer() {
            @Override
            public void installed(int generation, byte[] key, byte[] iv) {}

            @Override
            public void sealed(long sequence, byte[] nonce, int plaintextBytes, byte[] frame, int offset, int length) {}

            @Override
            public void opened(long sequence, byte[] nonce, int plaintextBytes, byte[] frame) {}
        };

        /** The AES key and IV of key generation {@code generation} (0 first) were installed. */
        void installed(int generation, byte[] key, byte[] iv);

        /**
         * Record {@code sequence} was sealed with {@code nonce} into {@code frame[offset, offset +
         * length)}; {@code plaintextBytes} counts the inner plaintext, type byte included.
         */
        void sealed(long sequence, byte[] nonce, int plaintextBytes, byte[] frame, int offset, int length);

        /** Record {@code sequence} of {@code frame} was opened with {@code nonce}. */
        void opened(long sequence, byte[] nonce, int plaintextBytes, byte[] frame);
    }

    private final Observer observer;
    private final Aead algorithm;
    private final Kdf kdf;

    private byte[] trafficSecret;
    private Aead.Keyed aead;
    private byte[] iv;
    private long sequence;
    private int generation;
    /** The nonce and associated data of the record being sealed or opened: made by the first one. */
    private byte[] nonce;

    private byte[] aad;

    /** Takes ownership of {@code trafficSecret} (erased on the next key update or on erase()). */
    public RecordCipher(byte[] trafficSecret) {
        this(trafficSecret, Observer.NONE);
    }

    /**
     * Takes ownership of {@code trafficSecret} (erased on the next key update or on erase()) and
     * reports to {@code observer}, starting with the first generation's key and IV.
     */
    public RecordCipher(byte[] trafficSecret, Observer observer) {
        this(AesGcm.AES_256, Hkdf.SHA256, trafficSecret, observer);
    }

    /**
     * Protects records with {@code algorithm}, deriving each generation's key and IV with
     * {@code kdf}; takes ownership of {@code trafficSecret} (erased on the next key update or on
     * erase()) and reports to {@code observer}, starting with the first generation's key and IV.
     */
    public RecordCipher(Aead algorithm, Kdf kdf, byte[] trafficSecret, Observer observer) {
        if (algorithm.nonceBytes() < 8) {
            throw new IllegalArgumentException("the record nonce needs room for a 64-bit sequence");
        }
        this.algorithm = algorithm;
        this.kdf = kdf;
        this.observer = observer;
        install(trafficSecret);
    }

    private void install(byte[] secret) {
        erase(); // the previous generation's secret and IV; its AEAD object is dropped below
        trafficSecret = secret;
        byte[] key = KeySchedule.expand(kdf, secret, KeySchedule.KEY, new byte[0], algorithm.keyBytes());
        iv = KeySchedule.expand(kdf, secret, KeySchedule.IV, new byte[0], algorithm.nonceBytes());
        try {
            aead = algorithm.withKey(key);
            observer.installed(generation, key, iv);
        } finally {
            Arrays.fill(key, (byte) 0);
        }
        sequence = 0;
    }

    /** Moves to the next key generation: secret' = HKDF-Expand(secret, "traffic upd"). */
    public void update() {
        byte[] next = KeySchedule.expand(kdf, trafficSecret, KeySchedule.UPDATE, new byte[0], 32);
        generation++;
        install(next);
    }

    public long sequence() {
        return sequence;
    }

    public int generation() {
        return generation;
    }

    private void computeNonce() {
        if (nonce == null) {
            nonce = new byte[algorithm.nonceBytes()];
        }
        System.arraycopy(iv, 0, nonce, 0, nonce.length);
        int last8 = nonce.length - 8;
        for (int i = 0; i < 8; i++) {
            nonce[last8 + i] ^= (byte) (sequence >>> (56 - 8 * i));
        }
    }

    private void computeAad(byte[] header, int off) {
        if (aad == null) {
            aad = new byte[AAD_BYTES];
        }
        System.arraycopy(header, off, aad, 0, Frames.HEADER_BYTES);
        for (int i = 0; i < 8; i++) {
            aad[Frames.HEADER_BYTES + i] = (byte) (sequence >>> (56 - 8 * i));
        }
    }

    /**
     * Seals {@code type ‖ prefix ‖ content[off..off+len)} into one RECORD frame written to
     * {@code out} at {@code outOff}; returns the frame length.
     */
    public int seal(RecordType type, byte[] prefix, byte[] content, int off, int len, byte[] out, int outOff) {
        int plainLen = 1 + prefix.length + len;
        if (plainLen - 1 > Frames.MAX_RECORD_CONTENT) {
            throw new IllegalArgumentException("record content too large: " + (plainLen - 1));
        }
        int bodyLen = plainLen + algorithm.tagBytes();
        Frames.writeHeader(FrameType.RECORD, bodyLen, out, outOff);
        // inner = type ‖ prefix ‖ content: the small head is joined, the content is encrypted
        // from the caller's array into the frame (no overlapping buffers; the AEAD copies at most
        // the few hundred bytes that complete the head's last cipher chunk, see AesGcm.sealParts).
        byte[] head = new byte[1 + prefix.length];
        head[0] = (byte) type.code();
        System.arraycopy(prefix, 0, head, 1, prefix.length);
        computeNonce();
        computeAad(out, outOff);
        aead.sealParts(nonce, aad, head, content, off, len, out, outOff + Frames.HEADER_BYTES);
        observer.sealed(sequence, nonce, plainLen, out, outOff, Frames.HEADER_BYTES + bodyLen);
        sequence++;
        return Frames.HEADER_BYTES + bodyLen;
    }

    /**
     * Size of a frame sealed with AES-256-GCM (every suite of this version) for {@code contentBytes}
     * of content (prefix included); {@link #sealedSize} is this cipher's own.
     */
    public static int frameSize(int contentBytes) {
        return frameSize(contentBytes, AesGcm.TAG_BYTES);
    }

    /** Size of a frame this cipher seals for {@code contentBytes} of content (prefix included). */
    public int sealedSize(int contentBytes) {
        return frameSize(contentBytes, algorithm.tagBytes());
    }

    /** Header, type byte, content and tag. */
    private static int frameSize(int contentBytes, int tagBytes) {
        return Frames.HEADER_BYTES + 1 + contentBytes + tagBytes;
    }

    /**
     * Opens one complete RECORD frame. Returns the inner plaintext (type byte first).
     *
     * @throws MalformedInputException if it is not a well-formed record frame
     * @throws AuthenticationException if it does not authenticate at the expected sequence
     */
    public byte[] open(byte[] frame) throws MalformedInputException, AuthenticationException {
        byte[] plain = new byte[openedSize(frame)];
        openChecked(frame, plain.length, plain, 0);
        return plain;
    }

    /**
     * The length of the inner plaintext (type byte included) that {@code frame} opens to: what
     * {@link #open(byte[], byte[], int)} needs room for.
     *
     * @throws MalformedInputException if it is not a well-formed record frame
     */
    public int openedSize(byte[] frame) throws MalformedInputException {
        FrameType t = Frames.check(frame);
        if (t != FrameType.RECORD) {
            throw new MalformedInputException("expected a record, got a " + t + " frame");
        }
        int bodyLen = frame.length - Frames.HEADER_BYTES;
        if (bodyLen < 1 + algorithm.tagBytes()) {
            throw new MalformedInputException("record body shorter than type byte and tag");
        }
        return bodyLen - algorithm.tagBytes();
    }

    /**
     * Opens one complete RECORD frame into {@code out} at {@code outOff} (the inner plaintext, type
     * byte first; no array is allocated) and returns its length, {@link #openedSize}. {@code out}
     * must not overlap {@code frame}. If this throws, {@code out[outOff, outOff + openedSize)} may
     * have been overwritten and holds nothing that may be used.
     *
     * @throws MalformedInputException if it is not a well-formed record frame
     * @throws AuthenticationException if it does not authenticate at the expected sequence
     * @throws IndexOutOfBoundsException if {@code out} has no room for the plaintext at {@code outOff}
     */
    public int open(byte[] frame, byte[] out, int outOff) throws MalformedInputException, AuthenticationException {
        int plainLen = openedSize(frame);
        Objects.checkFromIndexSize(outOff, plainLen, out.length);
        return openChecked(frame, plainLen, out, outOff);
    }

    /** Opens a frame {@link #openedSize} passed ({@code plainLen}) into room already checked. */
    private int openChecked(byte[] frame, int plainLen, byte[] out, int outOff) throws AuthenticationException {
        computeNonce();
        computeAad(frame, 0);
        try {
            aead.open(nonce, aad, frame, Frames.HEADER_BYTES, frame.length - Frames.HEADER_BYTES, out, outOff);
        } catch (AEADBadTagException e) {
            throw new AuthenticationException(
                    "record failed authentication " + "(tampered, replayed, reordered or dropped)");
        }
        observer.opened(sequence, nonce, plainLen, frame);
        sequence++;
        return plainLen;
    }

    /**
     * Erases the traffic secret, the IV and the nonce buffer, and drops the AEAD: what Java allows.
     * The AES key inside the JDK's {@code SecretKeySpec} and {@code Cipher} cannot be wiped; it
     * becomes unreachable here and is left to the garbage collector. After this, seal and open
     * fail until a new generation is installed.
     */
    public void erase() {
        if (trafficSecret != null) {
            Arrays.fill(trafficSecret, (byte) 0);
        }
        if (iv != null) {
            Arrays.fill(iv, (byte) 0);
        }
        if (nonce != null) {
            Arrays.fill(nonce, (byte) 0);
        }
        aead = null;
    }

    /** Whether this cipher still holds key material (false after {@link #erase()}). */
    public boolean holdsKeys() {
        return aead != null;
    }
}
