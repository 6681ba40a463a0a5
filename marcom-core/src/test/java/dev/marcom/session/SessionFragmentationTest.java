package dev.marcom.session;

import static dev.marcom.testing.TestIdentities.ALICE;
import static dev.marcom.testing.TestIdentities.BOB;
import static org.assertj.core.api.Assertions.assertThat;

import dev.marcom.identity.TrustPolicy;
import dev.marcom.testing.FrameSplitter;
import dev.marcom.testing.Pipe;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Regression tests for message fragmentation at the sans-I/O level: every message length around
 * the record boundaries, where the last chunk fits a record alone but not together with the
 * signature prefix (which made {@code seal} read past the plaintext), and key updates that fall
 * between the fragments of one message (which the receiver used to refuse).
 */
@Timeout(60)
class SessionFragmentationTest {

    private static Pipe.Result connect(UnaryOperator<SessionConfig.Builder> tweak) throws Exception {
        return Pipe.handshake(
                tweak.apply(SessionConfig.builder(ALICE, TrustPolicy.pinned(BOB.fingerprint())))
                        .build(),
                tweak.apply(SessionConfig.builder(BOB, TrustPolicy.pinned(ALICE.fingerprint())))
                        .build());
    }

    private static byte[] filled(int size) {
        byte[] b = new byte[size];
        for (int i = 0; i < size; i++) {
            b[i] = (byte) (i * 7 + size);
        }
        return b;
    }

    /** Seals {@code plaintext}, opens every frame, and returns the frame count. */
    private static int roundTrip(Session from, Session to, byte[] plaintext) throws Exception {
        List<byte[]> frames = FrameSplitter.split(from.seal(plaintext));
        VerifiedMessage got = null;
        for (int i = 0; i < frames.size(); i++) {
            Inbound in = to.open(frames.get(i));
            if (i < frames.size() - 1) {
                assertThat(in).as("frame %d of %d", i + 1, frames.size()).isInstanceOf(Inbound.Pending.class);
            } else {
                assertThat(in).isInstanceOf(Inbound.Message.class);
                got = ((Inbound.Message) in).message();
            }
        }
        assertThat(got.plaintext()).as("%d bytes", plaintext.length).isEqualTo(plaintext);
        return frames.size();
    }

    private static List<Integer> sizesAround(int max, int recordsUpTo) {
        List<Integer> sizes = new ArrayList<>();
        for (int k = 1; k <= recordsUpTo; k++) {
            for (int d = -90; d <= 2; d++) {
                sizes.add(k * max + d);
            }
        }
        return sizes;
    }

    @Test
    void everyLengthAroundSmallRecordBoundaries() throws Exception {
        Pipe.Result r = connect(b -> b.recordContentBytes(256));
        for (int size : sizesAround(256, 2)) {
            int frames = roundTrip(r.client(), r.server(), filled(size));
            assertThat(frames).isGreaterThanOrEqualTo(size / 256 + 1);
        }
    }

    @Test
    void lengthsAroundTheDefaultRecordSize() throws Exception {
        Pipe.Result r = connect(b -> b);
        for (int size :
                new int[] {65_400, 65_460, 65_462, 65_470, 65_535, 65_536, 65_537, 2 * 65_536 - 1, 2 * 65_536}) {
            roundTrip(r.server(), r.client(), filled(size));
        }
    }

    @Test
    void keyUpdateBetweenFragmentsOfOneMessage() throws Exception {
        Pipe.Result r = connect(b -> b.recordContentBytes(256).keyUpdateAfterRecords(3));
        for (int size : new int[] {2000, 10, 700, 256, 5000}) {
            roundTrip(r.client(), r.server(), filled(size));
            roundTrip(r.server(), r.client(), filled(size));
        }
    }
}
