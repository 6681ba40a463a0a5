package dev.marcom.session;

import static org.assertj.core.api.Assertions.assertThat;

import dev.marcom.Role;
import dev.marcom.identity.TrustPolicy;
import dev.marcom.internal.record.RecordType;
import dev.marcom.testing.Choices;
import dev.marcom.testing.Fixtures;
import dev.marcom.testing.ForgedRecords;
import dev.marcom.testing.Pipe;
import dev.marcom.testing.TestIdentities;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Regression tests for two record-layer bugs the property tests found: {@link Session#seal}
 * overran the plaintext (ArrayIndexOutOfBoundsException) when the last chunk fit a record only
 * without the signature prefix, and {@link Session#open} refused the KEY_UPDATE that an honest
 * sender puts between the fragments of a long message.
 */
class FragmentationRegressionTest {

    private static Pipe.Result handshake(int recordBytes, long keyUpdate) throws Exception {
        SessionConfig c = SessionConfig.builder(TestIdentities.ALICE, TrustPolicy.acceptAny())
                .recordContentBytes(recordBytes)
                .keyUpdateAfterRecords(keyUpdate)
                .build();
        SessionConfig s = SessionConfig.builder(TestIdentities.BOB, TrustPolicy.acceptAny())
                .build();
        return Pipe.handshake(c, s);
    }

    private static VerifiedMessage deliver(Session sender, Session receiver, byte[] payload) throws Exception {
        List<byte[]> frames = Fixtures.split(sender.seal(payload));
        for (int i = 0; i < frames.size() - 1; i++) {
            assertThat(receiver.open(frames.get(i))).isInstanceOf(Inbound.Pending.class);
        }
        Inbound last = receiver.open(frames.get(frames.size() - 1));
        return ((Inbound.Message) last).message();
    }

    /** Payload sizes whose tail is shorter than a record but too long for tail + signature. */
    @ParameterizedTest(name = "{1} bytes in {0}-byte records")
    @CsvSource({"65536, 65500", "65536, 131060", "256, 200", "256, 1000", "1000, 999"})
    void sealsATailThatFitsOnlyWithoutTheSignature(int recordBytes, int size) throws Exception {
        Pipe.Result r = handshake(recordBytes, SessionConfig.DEFAULT_KEY_UPDATE_RECORDS);
        byte[] payload = Choices.filler(size, size);
        VerifiedMessage m = deliver(r.client(), r.server(), payload);
        assertThat(m.plaintext()).isEqualTo(payload);
        OfflineVerifier.verify(m);
        // The session is still in step afterwards.
        assertThat(deliver(r.client(), r.server(), new byte[] {1}).sequence()).isEqualTo(2);
    }

    @Test
    void keyUpdatesBetweenTheFragmentsOfOneMessage() throws Exception {
        Pipe.Result r = handshake(256, 2);
        byte[] payload = Choices.filler(7, 2900); // 12 records, so several key updates inside it
        VerifiedMessage m = deliver(r.client(), r.server(), payload);
        assertThat(m.plaintext()).isEqualTo(payload);
        assertThat(deliver(r.client(), r.server(), payload).sequence()).isEqualTo(2);
    }

    /** The tests' independent record sealer agrees byte for byte with the library's. */
    @Test
    void forgedRecordsMatchTheLibrary() throws Exception {
        Session client = Fixtures.directPair(
                        Fixtures.client(3).build(), Fixtures.server(3).build(), 3)
                .client();
        ForgedRecords forged = new ForgedRecords(Fixtures.directSendSecret(3, Role.CLIENT));
        assertThat(forged.seal(RecordType.CLOSE_NOTIFY.code(), new byte[0])).isEqualTo(client.close());
    }
}
