package dev.marcom.internal.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import javax.crypto.AEADBadTagException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The AES-GCM wrapper's own contract beside the Wycheproof vectors: a nonce of any length but
 * 96 bits is refused by every operation (GCM would accept it and hash it into a nonce, which
 * breaks MARCOM's nonce-uniqueness argument), and the part-wise seal equals the one-piece seal
 * however its parts fall against the chunks it aligns them to.
 */
class AesGcmTest {
    private static final byte[] KEY = new byte[32];

    @ParameterizedTest
    @ValueSource(ints = {0, 8, 11, 13, 16})
    void everyOperationRefusesANonceThatIsNot96Bits(int length) {
        AesGcm gcm = new AesGcm(KEY);
        byte[] nonce = new byte[length];
        byte[] out = new byte[64];
        assertThatThrownBy(() -> gcm.seal(nonce, new byte[0], new byte[4]))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("12 bytes");
        assertThatThrownBy(() -> gcm.seal(nonce, new byte[0], new byte[4], 0, 4, out, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("12 bytes");
        assertThatThrownBy(() -> gcm.sealParts(nonce, new byte[0], new byte[1], new byte[4], 0, 4, out, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("12 bytes");
        assertThatThrownBy(() -> gcm.open(nonce, new byte[0], new byte[20]))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("12 bytes");
    }

    @Test
    void sealPartsEqualsSealingTheJoinedPlaintextAndSaysHowMuchItWrote() throws Exception {
        AesGcm gcm = new AesGcm(KEY);
        byte[] nonce = new byte[12];
        nonce[11] = 1;
        byte[] aad = {1, 2, 3};
        byte[] head = {9, 8, 7};
        byte[] content = "..the content..".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        byte[] joined = new byte[head.length + 11];
        System.arraycopy(head, 0, joined, 0, head.length);
        System.arraycopy(content, 2, joined, head.length, 11);

        byte[] out = new byte[7 + joined.length + AesGcm.TAG_BYTES];
        int n = gcm.sealParts(nonce, aad, head, content, 2, 11, out, 7);
        assertThat(n).isEqualTo(joined.length + AesGcm.TAG_BYTES);
        // A second instance: the JDK refuses to encrypt twice under one key and nonce.
        byte[] sealed = new AesGcm(KEY).seal(nonce, aad, joined);
        assertThat(Arrays.copyOfRange(out, 7, 7 + n)).isEqualTo(sealed);
        assertThat(gcm.open(nonce, aad, sealed)).isEqualTo(joined);
    }

    /**
     * Every split {@code sealParts} makes around its chunk boundary (a head shorter than, equal to
     * and longer than one or two chunks, with content that does not fill the head's last chunk,
     * fills it exactly and goes beyond it) gives the one-piece ciphertext, and the buffer that
     * joined the head's tail to the content's start holds no plaintext afterwards.
     */
    @ParameterizedTest
    @CsvSource({
        "0,0",
        "0,1",
        "0,16384",
        "1,0",
        "1,510",
        "1,511",
        "1,512",
        "1,65536",
        "75,0",
        "75,5",
        "75,436",
        "75,437",
        "75,438",
        "75,1024",
        "75,16384",
        "511,1",
        "512,0",
        "512,7",
        "513,16384",
        "1024,100",
        "1100,0",
        "1100,2000",
        "3310,1024"
    })
    void sealPartsMatchesTheOnePieceSealAtEverySplit(int headBytes, int contentBytes) throws Exception {
        java.util.Random random = new java.util.Random(headBytes * 100_003L + contentBytes);
        byte[] key = new byte[32];
        random.nextBytes(key);
        byte[] nonce = new byte[12];
        random.nextBytes(nonce);
        byte[] aad = new byte[13];
        random.nextBytes(aad);
        byte[] head = new byte[headBytes];
        random.nextBytes(head);
        int offset = contentBytes % 2 == 0 ? 0 : 3;
        byte[] content = new byte[offset + contentBytes];
        random.nextBytes(content);
        byte[] joined = new byte[headBytes + contentBytes];
        System.arraycopy(head, 0, joined, 0, headBytes);
        System.arraycopy(content, offset, joined, headBytes, contentBytes);

        AesGcm gcm = new AesGcm(key);
        byte[] out = new byte[5 + joined.length + AesGcm.TAG_BYTES];
        int n = gcm.sealParts(nonce, aad, head, content, offset, contentBytes, out, 5);

        assertThat(n).isEqualTo(joined.length + AesGcm.TAG_BYTES);
        assertThat(Arrays.copyOfRange(out, 5, 5 + n)).isEqualTo(new AesGcm(key).seal(nonce, aad, joined));
        assertJointWiped(gcm);
    }

    /**
     * GCM gives the same ciphertext for any split, so the alignment itself is checked here: every
     * part but the last ends on a chunk boundary, the joint buffer is used only for a head that
     * does not, and it takes only as much content as there is.
     */
    @ParameterizedTest
    @CsvSource({
        "0,16384,0,0,0,0",
        "75,16384,0,75,437,512",
        "75,100,0,75,100,175",
        "75,0,0,75,0,75",
        "511,1,0,511,1,512",
        "512,16384,512,0,0,0",
        "513,16384,512,1,511,512",
        "1100,2000,1024,76,436,512",
        "3310,1024,3072,238,274,512"
    })
    void theSplitEndsEveryPartButTheLastOnAChunkBoundary(
            int headBytes, int contentBytes, int whole, int rest, int fill, int joined) {
        AesGcm.Split split = AesGcm.split(headBytes, contentBytes);
        assertThat(split).isEqualTo(new AesGcm.Split(whole, rest, fill));
        assertThat(split.joined()).isEqualTo(joined);
    }

    @Test
    void aContentRangeOutsideTheArrayIsRefusedBeforeAnythingIsCopied() throws Exception {
        AesGcm gcm = new AesGcm(KEY);
        byte[] out = new byte[2048];
        gcm.sealParts(new byte[12], new byte[0], new byte[75], new byte[600], 0, 600, out, 0);
        byte[] secretHead = new byte[75];
        Arrays.fill(secretHead, (byte) 0x5a);
        byte[] nonce = new byte[12];
        nonce[0] = 1;
        assertThatThrownBy(() -> gcm.sealParts(nonce, new byte[0], secretHead, new byte[600], 100, 600, out, 0))
                .isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> gcm.sealParts(nonce, new byte[0], secretHead, new byte[600], 0, -1, out, 0))
                .isInstanceOf(IndexOutOfBoundsException.class);
        assertJointWiped(gcm);
    }

    private static void assertJointWiped(AesGcm gcm) throws ReflectiveOperationException {
        java.lang.reflect.Field joint = AesGcm.class.getDeclaredField("joint");
        joint.setAccessible(true);
        byte[] left = (byte[]) joint.get(gcm);
        if (left != null) {
            assertThat(left).containsOnly((byte) 0);
        }
    }

    @Test
    void aCiphertextShorterThanTheTagIsRefusedAsInauthentic() {
        AesGcm gcm = new AesGcm(KEY);
        assertThatThrownBy(() -> gcm.open(new byte[12], new byte[0], new byte[15]))
                .isInstanceOf(AEADBadTagException.class);
    }
}
