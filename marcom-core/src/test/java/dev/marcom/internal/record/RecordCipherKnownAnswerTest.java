package dev.marcom.internal.record;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.marcom.AuthenticationException;
import dev.marcom.MalformedInputException;
import dev.marcom.internal.crypto.Aead;
import dev.marcom.internal.crypto.AesGcm;
import dev.marcom.internal.crypto.Hkdf;
import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.generators.HKDFBytesGenerator;
import org.bouncycastle.crypto.params.HKDFParameters;
import org.junit.jupiter.api.Test;

/**
 * The record layer against PROTOCOL.md §5–6 computed independently: keys and IVs with
 * BouncyCastle's HKDF, {@code nonce = iv XOR (0^32 ‖ u64 seq)} and {@code aad = header ‖ u64 seq}
 * with {@link BigInteger} arithmetic, AES-GCM with the JDK's {@link Cipher}. Two ends running the
 * same code would agree with each other even if the nonce or AAD arithmetic were wrong; only a
 * computation that does not share that code (and one fixed frame) catches it.
 */
class RecordCipherKnownAnswerTest {
    /** A traffic secret: 0x00, 0x01, …, 0x1f. */
    private static final byte[] SECRET = sequenceBytes(32);

    /**
     * The first frame under {@link #SECRET}: PING with empty content at sequence 0. Computed once
     * with the oracle below, and kept literally so that the oracle cannot drift with the code.
     */
    private static final String FIRST_PING_FRAME = "1700000011" + "bc" // header, then the type byte 0x05 encrypted
            + "4b3ba613ada2f473fb85159dc43c641c"; // tag

    @Test
    void opensIntoTheCallersArrayAtAnOffsetAndLeavesTheRestAlone() throws Exception {
        RecordCipher sender = new RecordCipher(SECRET.clone());
        RecordCipher receiver = new RecordCipher(SECRET.clone());
        byte[] content = sequenceBytes(100);
        byte[] frame = new byte[RecordCipher.frameSize(2 + content.length)];
        sender.seal(RecordType.MESSAGE_FINAL, new byte[] {9, 8}, content, 0, content.length, frame, 0);
        assertThat(receiver.openedSize(frame)).isEqualTo(1 + 2 + content.length);

        byte[] out = new byte[7 + 103 + 5];
        Arrays.fill(out, (byte) 0x55);
        assertThat(receiver.open(frame, out, 7)).isEqualTo(103);
        assertThat(out[7]).isEqualTo((byte) RecordType.MESSAGE_FINAL.code());
        assertThat(Arrays.copyOfRange(out, 8, 10)).containsExactly(9, 8);
        assertThat(Arrays.copyOfRange(out, 10, 110)).isEqualTo(content);
        byte[] untouched = new byte[7];
        Arrays.fill(untouched, (byte) 0x55);
        assertThat(Arrays.copyOfRange(out, 0, 7)).isEqualTo(untouched);
        assertThat(Arrays.copyOfRange(out, 110, 115)).isEqualTo(Arrays.copyOf(untouched, 5));
        assertThat(receiver.sequence()).isEqualTo(1);
    }

    /** The first frame under {@link #SECRET}: a MESSAGE_FINAL record of the bytes 0 to 9. */
    private static byte[] firstFrameOfTenBytes() {
        byte[] frame = new byte[RecordCipher.frameSize(10)];
        new RecordCipher(SECRET.clone())
                .seal(RecordType.MESSAGE_FINAL, new byte[0], sequenceBytes(10), 0, 10, frame, 0);
        return frame;
    }

    @Test
    void noRoomForThePlaintextIsRefusedBeforeDecryptingAndTheSequenceStays() throws Exception {
        RecordCipher receiver = new RecordCipher(SECRET.clone());
        byte[] frame = firstFrameOfTenBytes();
        assertThatThrownBy(() -> receiver.open(frame, new byte[11], 1)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> receiver.open(frame, new byte[10], 0)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThat(receiver.sequence()).isZero();
        byte[] exact = new byte[11];
        assertThat(receiver.open(frame, exact, 0)).isEqualTo(11);
        assertThat(Arrays.copyOfRange(exact, 1, 11)).isEqualTo(sequenceBytes(10));
    }

    @Test
    void aTamperedRecordOpenedIntoAnArrayFailsAndTheSequenceStays() throws Exception {
        RecordCipher receiver = new RecordCipher(SECRET.clone());
        byte[] frame = firstFrameOfTenBytes();
        byte[] tampered = frame.clone();
        tampered[tampered.length - 1] ^= 1;
        assertThatThrownBy(() -> receiver.open(tampered, new byte[11], 0)).isInstanceOf(AuthenticationException.class);
        assertThat(receiver.sequence()).isZero();
        assertThat(receiver.open(frame, new byte[11], 0)).isEqualTo(11);
    }

    @Test
    void everyFrameMatchesTheSpecificationAcrossSequenceBytesAndKeyUpdates() throws Exception {
        RecordCipher sender = new RecordCipher(SECRET.clone());
        byte[] secret = SECRET.clone();
        for (int generation = 0; generation < 3; generation++) {
            for (long seq = 0; seq < 300; seq++) { // 300: the second-lowest sequence byte changes too
                RecordType type = seq % 3 == 0 ? RecordType.MESSAGE_PART : RecordType.MESSAGE_FINAL;
                byte[] prefix = seq % 2 == 0 ? new byte[0] : new byte[] {(byte) seq, 7};
                byte[] content = Arrays.copyOf(sequenceBytes((int) (seq % 40)), (int) (seq % 40));
                byte[] out = new byte[RecordCipher.frameSize(prefix.length + content.length) + 3];
                int len = sender.seal(type, prefix, content, 0, content.length, out, 3);
                byte[] expected = oracleSeal(secret, seq, type.code(), concat(prefix, content));
                assertThat(Arrays.copyOfRange(out, 3, 3 + len))
                        .as("generation %d, sequence %d", generation, seq)
                        .isEqualTo(expected);
                assertThat(sender.sequence()).isEqualTo(seq + 1);
            }
            assertThat(sender.generation()).isEqualTo(generation);
            sender.update();
            secret = expand(secret, "traffic upd", 32);
        }
    }

    @Test
    void theFirstFrameIsTheFixedVector() throws Exception {
        byte[] out = new byte[RecordCipher.frameSize(0)];
        int len = new RecordCipher(SECRET.clone()).seal(RecordType.PING, new byte[0], new byte[0], 0, 0, out, 0);
        assertThat(len).isEqualTo(out.length);
        assertThat(HexFormat.of().formatHex(out)).isEqualTo(FIRST_PING_FRAME);
        assertThat(oracleSeal(SECRET, 0, RecordType.PING.code(), new byte[0]))
                .isEqualTo(HexFormat.of().parseHex(FIRST_PING_FRAME));
    }

    @Test
    void contentIsTakenFromTheGivenRangeOnly() throws Exception {
        byte[] content = "xxhello worldyy".getBytes(StandardCharsets.US_ASCII);
        byte[] out = new byte[RecordCipher.frameSize(9 + 11)];
        byte[] prefix = new byte[9];
        new RecordCipher(SECRET.clone()).seal(RecordType.MESSAGE_FINAL, prefix, content, 2, 11, out, 0);
        assertThat(out)
                .isEqualTo(oracleSeal(
                        SECRET,
                        0,
                        RecordType.MESSAGE_FINAL.code(),
                        concat(prefix, "hello world".getBytes(StandardCharsets.US_ASCII))));
    }

    @Test
    void opensTheOraclesFramesInOrderAndNothingElse() throws Exception {
        RecordCipher receiver = new RecordCipher(SECRET.clone());
        byte[] secret = SECRET.clone();
        for (int generation = 0; generation < 2; generation++) {
            for (long seq = 0; seq < 260; seq++) {
                byte[] inner =
                        concat(new byte[] {(byte) RecordType.MESSAGE_PART.code()}, sequenceBytes((int) (seq % 17)));
                byte[] frame = oracleSeal(secret, seq, inner[0], Arrays.copyOfRange(inner, 1, inner.length));
                if (seq == 258) {
                    // The frame of the next sequence number, one too early (a reordering), then a replay
                    // of the previous one: both fail, and neither moves the receiver on.
                    byte[] early = oracleSeal(secret, seq + 1, inner[0], new byte[0]);
                    assertThatThrownBy(() -> receiver.open(early)).isInstanceOf(AuthenticationException.class);
                    byte[] replay = oracleSeal(secret, seq - 1, inner[0], new byte[0]);
                    assertThatThrownBy(() -> receiver.open(replay)).isInstanceOf(AuthenticationException.class);
                    assertThat(receiver.sequence()).isEqualTo(seq);
                }
                assertThat(receiver.open(frame)).as("sequence %d", seq).isEqualTo(inner);
                assertThat(receiver.sequence()).isEqualTo(seq + 1);
            }
            receiver.update();
            secret = expand(secret, "traffic upd", 32);
        }
    }

    @Test
    void aFrameIsBoundToItsHeader() throws Exception {
        byte[] frame = oracleSeal(SECRET, 0, RecordType.PING.code(), new byte[0]);
        byte[] wrongHeader = frame.clone();
        wrongHeader[0] = 0x15; // a refusal frame's type with a record body
        assertThatThrownBy(() -> new RecordCipher(SECRET.clone()).open(wrongHeader))
                .isInstanceOf(MalformedInputException.class);
        byte[] shortBody = Arrays.copyOf(frame, 5 + 16);
        shortBody[4] = 16;
        assertThatThrownBy(() -> new RecordCipher(SECRET.clone()).open(shortBody))
                .isInstanceOf(MalformedInputException.class)
                .hasMessageContaining("shorter than type byte and tag");
    }

    @Test
    void eraseWipesTheSecretItWasGivenAndStopsSealing() {
        byte[] secret = SECRET.clone();
        RecordCipher cipher = new RecordCipher(secret);
        assertThat(cipher.holdsKeys()).isTrue();
        cipher.erase();
        assertThat(secret).containsOnly(0);
        assertThat(cipher.holdsKeys()).isFalse();
        assertThatThrownBy(() -> cipher.seal(
                        RecordType.PING, new byte[0], new byte[0], 0, 0, new byte[RecordCipher.frameSize(0)], 0))
                .isInstanceOf(NullPointerException.class);
    }

    @Test
    void anUpdateWipesThePreviousGenerationsSecret() {
        byte[] secret = SECRET.clone();
        RecordCipher cipher = new RecordCipher(secret);
        cipher.update();
        assertThat(secret).containsOnly(0);
        assertThat(cipher.holdsKeys()).isTrue();
        assertThat(cipher.sequence()).isZero();
    }

    @Test
    void theNonceIsTheIvXoredWithTheSequence() throws Exception {
        // The nonce each seal used, as the cipher reports it to its observer (the trace).
        List<byte[]> nonces = new ArrayList<>();
        RecordCipher cipher = new RecordCipher(SECRET.clone(), new RecordCipher.Observer() {
            @Override
            public void installed(int generation, byte[] key, byte[] iv) {}

            @Override
            public void sealed(long sequence, byte[] nonce, int plaintextBytes, byte[] frame, int offset, int length) {
                assertThat(sequence).isEqualTo(nonces.size());
                nonces.add(nonce.clone());
            }

            @Override
            public void opened(long sequence, byte[] nonce, int plaintextBytes, byte[] frame) {}
        });
        byte[] iv = expand(SECRET, "iv", 12);
        for (long seq = 0; seq < 300; seq++) {
            cipher.seal(RecordType.PING, new byte[0], new byte[0], 0, 0, new byte[RecordCipher.frameSize(0)], 0);
            assertThat(nonces.get((int) seq)).as("sequence %d", seq).isEqualTo(oracleNonce(iv, seq));
        }
    }

    @Test
    void sealRefusesContentAboveTheRecordLimit() {
        int tooMuch = dev.marcom.internal.wire.Frames.MAX_RECORD_CONTENT + 1;
        RecordCipher cipher = new RecordCipher(SECRET.clone());
        assertThatThrownBy(() -> cipher.seal(
                        RecordType.MESSAGE_PART,
                        new byte[0],
                        new byte[tooMuch],
                        0,
                        tooMuch,
                        new byte[RecordCipher.frameSize(tooMuch)],
                        0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("record content too large: " + tooMuch);
        int justFits = tooMuch - 1;
        byte[] out = new byte[RecordCipher.frameSize(justFits)];
        assertThat(cipher.seal(RecordType.MESSAGE_PART, new byte[1], new byte[justFits - 1], 0, justFits - 1, out, 0))
                .isEqualTo(out.length);
    }

    // ---- the oracle: PROTOCOL.md written out with other code ------------------------------------

    private static byte[] oracleSeal(byte[] trafficSecret, long seq, int type, byte[] content) throws Exception {
        byte[] key = expand(trafficSecret, "key", 32);
        byte[] iv = expand(trafficSecret, "iv", 12);
        int bodyLength = 1 + content.length + 16;
        byte[] header = new byte[] {
            0x17, (byte) (bodyLength >>> 24), (byte) (bodyLength >>> 16), (byte) (bodyLength >>> 8), (byte) bodyLength
        };
        byte[] aad = concat(
                header,
                BigInteger.valueOf(seq).add(BigInteger.ONE.shiftLeft(64)).toByteArray());
        aad = concat(header, Arrays.copyOfRange(aad, aad.length - 8, aad.length));
        Cipher gcm = Cipher.getInstance("AES/GCM/NoPadding");
        gcm.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"), new GCMParameterSpec(128, oracleNonce(iv, seq)));
        gcm.updateAAD(aad);
        return concat(header, gcm.doFinal(concat(new byte[] {(byte) type}, content)));
    }

    private static byte[] oracleNonce(byte[] iv, long seq) {
        BigInteger n = new BigInteger(1, iv).xor(BigInteger.valueOf(seq));
        byte[] raw = n.add(BigInteger.ONE.shiftLeft(96)).toByteArray(); // 13 bytes, leading 0x01
        return Arrays.copyOfRange(raw, raw.length - 12, raw.length);
    }

    private static byte[] expand(byte[] prk, String label, int length) {
        ByteArrayOutputStream info = new ByteArrayOutputStream();
        info.writeBytes(("MARCOM v1 " + label).getBytes(StandardCharsets.US_ASCII));
        info.write(0);
        HKDFBytesGenerator hkdf = new HKDFBytesGenerator(new SHA256Digest());
        hkdf.init(HKDFParameters.skipExtractParameters(prk, info.toByteArray()));
        byte[] out = new byte[length];
        hkdf.generateBytes(out, 0, length);
        return out;
    }

    private static byte[] sequenceBytes(int n) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) i;
        }
        return b;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    /** An AEAD of these sizes, for the record layer's own checks (it never seals here). */
    private static Aead withNonce(int nonceBytes) {
        return new Aead() {
            @Override
            public int keyBytes() {
                return 32;
            }

            @Override
            public int nonceBytes() {
                return nonceBytes;
            }

            @Override
            public int tagBytes() {
                return 16;
            }

            @Override
            public Aead.Keyed withKey(byte[] key) {
                return AesGcm.AES_256.withKey(key);
            }
        };
    }

    @Test
    void theNonceMustHoldTheWholeSequenceNumber() {
        assertThat(new RecordCipher(withNonce(8), Hkdf.SHA256, SECRET.clone(), RecordCipher.Observer.NONE)
                        .sealedSize(0))
                .isEqualTo(RecordCipher.frameSize(0));
        assertThatThrownBy(
                        () -> new RecordCipher(withNonce(7), Hkdf.SHA256, SECRET.clone(), RecordCipher.Observer.NONE))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void eraseZeroesTheTrafficSecretAndTheIv() throws Exception {
        RecordCipher cipher = new RecordCipher(SECRET.clone());
        java.lang.reflect.Field secret = RecordCipher.class.getDeclaredField("trafficSecret");
        java.lang.reflect.Field iv = RecordCipher.class.getDeclaredField("iv");
        secret.setAccessible(true);
        iv.setAccessible(true);
        byte[] heldSecret = (byte[]) secret.get(cipher);
        byte[] heldIv = (byte[]) iv.get(cipher);
        assertThat(heldIv).isNotEqualTo(new byte[heldIv.length]);
        cipher.erase();
        assertThat(heldSecret).containsOnly(0);
        assertThat(heldIv).containsOnly(0);
        assertThat(cipher.holdsKeys()).isFalse();
    }

    @Test
    void eraseAfterARecordAlsoZeroesTheNonceMadeForIt() throws Exception {
        // The nonce buffer is made by the first record; once made, erase must wipe it too.
        RecordCipher cipher = new RecordCipher(SECRET.clone());
        java.lang.reflect.Field nonce = RecordCipher.class.getDeclaredField("nonce");
        nonce.setAccessible(true);
        assertThat(nonce.get(cipher)).isNull();
        cipher.seal(RecordType.PING, new byte[0], new byte[0], 0, 0, new byte[RecordCipher.frameSize(0)], 0);
        byte[] heldNonce = (byte[]) nonce.get(cipher);
        assertThat(heldNonce).isNotEqualTo(new byte[heldNonce.length]);
        cipher.erase();
        assertThat(heldNonce).containsOnly(0);
        assertThat(cipher.holdsKeys()).isFalse();
    }
}
