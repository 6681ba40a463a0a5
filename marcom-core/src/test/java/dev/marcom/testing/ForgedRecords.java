package dev.marcom.testing;

import dev.marcom.internal.crypto.AesGcm;
import dev.marcom.internal.crypto.Hkdf;
import dev.marcom.internal.crypto.KeySchedule;
import dev.marcom.internal.wire.FrameType;
import dev.marcom.internal.wire.Frames;
import java.nio.ByteBuffer;

/**
 * An independent implementation of the sending half of the record layer (key and IV from the
 * traffic secret, nonce = iv XOR sequence, aad = header ‖ sequence, key update by HKDF), written
 * from the protocol description rather than by calling {@code RecordCipher}. It can seal any inner
 * type byte and content, so tests play a peer that holds the real keys but sends records no honest
 * MARCOM sender would: the receiver's inner-record parser is then reachable by the fuzzer.
 */
public final class ForgedRecords {
    private byte[] secret;
    private AesGcm aead;
    private byte[] iv;
    private long sequence;

    public ForgedRecords(byte[] trafficSecret) {
        install(trafficSecret.clone());
    }

    private void install(byte[] s) {
        secret = s;
        aead = new AesGcm(KeySchedule.expand(Hkdf.SHA256, s, KeySchedule.KEY, new byte[0], 32));
        iv = KeySchedule.expand(Hkdf.SHA256, s, KeySchedule.IV, new byte[0], 12);
        sequence = 0;
    }

    /** Switches to the next key generation, as a sender does right after a KEY_UPDATE record. */
    public void update() {
        install(KeySchedule.expand(Hkdf.SHA256, secret, KeySchedule.UPDATE, new byte[0], 32));
    }

    /** One RECORD frame carrying {@code innerType ‖ content}. */
    public byte[] seal(int innerType, byte[] content) {
        byte[] plain = new byte[1 + content.length];
        plain[0] = (byte) innerType;
        System.arraycopy(content, 0, plain, 1, content.length);
        byte[] header = new byte[Frames.HEADER_BYTES];
        Frames.writeHeader(FrameType.RECORD, plain.length + AesGcm.TAG_BYTES, header, 0);
        byte[] nonce = iv.clone();
        for (int i = 0; i < 8; i++) {
            nonce[4 + i] ^= (byte) (sequence >>> (56 - 8 * i));
        }
        byte[] aad = ByteBuffer.allocate(Frames.HEADER_BYTES + 8)
                .put(header)
                .putLong(sequence)
                .array();
        byte[] sealed = aead.seal(nonce, aad, plain);
        sequence++;
        return ByteBuffer.allocate(header.length + sealed.length)
                .put(header)
                .put(sealed)
                .array();
    }
}
