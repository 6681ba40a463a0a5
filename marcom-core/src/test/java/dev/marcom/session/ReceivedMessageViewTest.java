package dev.marcom.session;

import static org.assertj.core.api.Assertions.assertThat;

import dev.marcom.identity.TrustPolicy;
import dev.marcom.internal.crypto.Sha256;
import dev.marcom.internal.wire.Frames;
import dev.marcom.testing.FrameSplitter;
import dev.marcom.testing.Pipe;
import dev.marcom.testing.TestIdentities;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * A received message of one record is read where the record was decrypted, behind the signature
 * prefix; a fragmented one from its reassembly buffer. Every accessor must show exactly the
 * plaintext either way: no byte of the prefix, of the buffer's unused tail, nor a shared array.
 */
class ReceivedMessageViewTest {
    private static Pipe.Result pair() throws Exception {
        return Pipe.handshake(
                SessionConfig.builder(TestIdentities.ALICE, TrustPolicy.acceptAny())
                        .build(),
                SessionConfig.builder(TestIdentities.BOB, TrustPolicy.acceptAny())
                        .build());
    }

    private static byte[] pattern(int n, int seed) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) (i * 31 + seed);
        }
        return b;
    }

    /** Seals {@code sent} at the client and opens its frames at the server. */
    private static VerifiedMessage received(Pipe.Result r, byte[] sent) throws Exception {
        Inbound last = null;
        for (byte[] frame : FrameSplitter.split(r.client().seal(sent))) {
            last = r.server().open(frame);
        }
        return ((Inbound.Message) last).message();
    }

    @Test
    void everyAccessorShowsExactlyThePlaintextOfOneAndOfManyRecords() throws Exception {
        Pipe.Result r = pair();
        // 0 bytes, small, one record near the limit, and fragmented with an uneven tail.
        for (int n : new int[] {0, 5, 1000, Frames.MAX_RECORD_CONTENT - 200, 3 * Frames.MAX_RECORD_CONTENT + 17}) {
            byte[] sent = pattern(n, n);
            VerifiedMessage m = received(r, sent);
            assertThat(m.length()).as("length of %d", n).isEqualTo(n);
            assertThat(m.plaintext()).as("plaintext of %d", n).isEqualTo(sent);
            assertThat(m.text()).isEqualTo(new String(sent, StandardCharsets.UTF_8));
            assertThat(m.sha256().toByteArray()).isEqualTo(Sha256.hash(sent));
            ByteBuffer view = m.plaintextBuffer();
            assertThat(view.isReadOnly()).isTrue();
            assertThat(view.position()).isZero();
            assertThat(view.remaining()).isEqualTo(n);
            assertThat(view.capacity())
                    .as("no bytes beyond the plaintext reachable")
                    .isEqualTo(n);
            byte[] read = new byte[n];
            view.get(read);
            assertThat(read).isEqualTo(sent);
            assertThat(m.toString()).contains(n + " bytes");
            OfflineVerifier.verify(m);
        }
    }

    @Test
    void theCopyGivenOutIsTheCallersAndTheMessageStaysAsVerified() throws Exception {
        Pipe.Result r = pair();
        byte[] sent = "a message of one record".getBytes(StandardCharsets.UTF_8);
        VerifiedMessage m = received(r, sent);
        byte[] copy = m.plaintext();
        Arrays.fill(copy, (byte) 0);
        assertThat(m.plaintext()).isEqualTo(sent);
        assertThat(m.text()).isEqualTo("a message of one record");
        OfflineVerifier.verify(m);
    }
}
