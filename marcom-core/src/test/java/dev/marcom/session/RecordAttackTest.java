package dev.marcom.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.marcom.AuthenticationException;
import dev.marcom.CipherSuite;
import dev.marcom.Direction;
import dev.marcom.MalformedInputException;
import dev.marcom.MarcomException;
import dev.marcom.SessionClosedException;
import dev.marcom.identity.Identity;
import dev.marcom.identity.TrustPolicy;
import dev.marcom.testing.FrameSplitter;
import dev.marcom.testing.Pipe;
import dev.marcom.testing.TestIdentities;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The record layer against an attacker who controls the wire after the handshake: every replay,
 * reorder, drop, duplicate, cross-session or reflected record fails with
 * {@link AuthenticationException}, delivers nothing, and leaves the session dead in both
 * directions. Also the close_notify rules. Every test runs over every {@link CipherSuite}, the peers
 * signing (handshake and records) with its paired algorithm.
 */
@Timeout(30)
class RecordAttackTest {
    private CipherSuite suite = CipherSuite.CLASSIC;
    private Identity alice = TestIdentities.ALICE;
    private Identity bob = TestIdentities.BOB;

    private void use(CipherSuite s) {
        suite = s;
        alice = TestIdentities.alice(s.pairedSignature());
        bob = TestIdentities.bob(s.pairedSignature());
    }

    private Pipe.Result connect() throws MarcomException {
        return connect(b -> b);
    }

    private Pipe.Result connect(java.util.function.UnaryOperator<SessionConfig.Builder> tweak) throws MarcomException {
        SessionConfig c = tweak.apply(SessionConfig.builder(alice, TrustPolicy.pinned(bob.fingerprint()))
                        .suites(suite))
                .build();
        SessionConfig s = tweak.apply(SessionConfig.builder(bob, TrustPolicy.pinned(alice.fingerprint()))
                        .suites(suite))
                .build();
        Pipe.Result r = Pipe.handshake(c, s);
        assertThat(r.client().suite()).isEqualTo(suite);
        return r;
    }

    private static String text(Inbound in) {
        assertThat(in).isInstanceOf(Inbound.Message.class);
        return ((Inbound.Message) in).message().text();
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** After a failure, the session refuses to open or seal anything, even valid records. */
    private static void assertDead(Session receiver, byte[] validNextFrame) {
        assertThatThrownBy(() -> receiver.open(validNextFrame))
                .isInstanceOf(SessionClosedException.class)
                .hasCauseInstanceOf(MarcomException.class);
        assertThatThrownBy(() -> receiver.seal("still there?")).isInstanceOf(SessionClosedException.class);
        assertThatThrownBy(receiver::close).isInstanceOf(SessionClosedException.class);
    }

    @ParameterizedTest
    @EnumSource(CipherSuite.class)
    void inOrderRecordsAreDeliveredWithGaplessSequenceNumbers(CipherSuite s) throws Exception {
        use(s);
        Pipe.Result r = connect();
        for (int i = 1; i <= 5; i++) {
            Inbound in = r.server().open(r.client().seal("m" + i));
            VerifiedMessage m = ((Inbound.Message) in).message();
            assertThat(m.text()).isEqualTo("m" + i);
            assertThat(m.sequence()).isEqualTo(i);
            assertThat(m.signer()).isEqualTo(alice.publicIdentity());
            OfflineVerifier.verify(m);
        }
    }

    @ParameterizedTest
    @EnumSource(CipherSuite.class)
    void replayedRecordIsRejected(CipherSuite s) throws Exception {
        use(s);
        Pipe.Result r = connect();
        byte[] m1 = r.client().seal("one");
        byte[] m2 = r.client().seal("two");
        byte[] m3 = r.client().seal("three");
        assertThat(text(r.server().open(m1))).isEqualTo("one");
        assertThat(text(r.server().open(m2))).isEqualTo("two");
        assertThatThrownBy(() -> r.server().open(m1)).isInstanceOf(AuthenticationException.class);
        assertDead(r.server(), m3);
    }

    @ParameterizedTest
    @EnumSource(CipherSuite.class)
    void duplicatedRecordIsRejected(CipherSuite s) throws Exception {
        use(s);
        Pipe.Result r = connect();
        byte[] m1 = r.client().seal("one");
        byte[] m2 = r.client().seal("two");
        assertThat(text(r.server().open(m1))).isEqualTo("one");
        assertThatThrownBy(() -> r.server().open(m1.clone())).isInstanceOf(AuthenticationException.class);
        assertDead(r.server(), m2);
    }

    @ParameterizedTest
    @EnumSource(CipherSuite.class)
    void reorderedRecordsAreRejected(CipherSuite s) throws Exception {
        use(s);
        Pipe.Result r = connect();
        byte[] m1 = r.client().seal("one");
        byte[] m2 = r.client().seal("two");
        assertThatThrownBy(() -> r.server().open(m2)).isInstanceOf(AuthenticationException.class);
        assertDead(r.server(), m1);
    }

    @ParameterizedTest
    @EnumSource(CipherSuite.class)
    void droppedRecordIsDetectedAtTheNextOne(CipherSuite s) throws Exception {
        use(s);
        Pipe.Result r = connect();
        byte[] m1 = r.client().seal("one");
        r.client().seal("two (dropped)");
        byte[] m3 = r.client().seal("three");
        assertThat(text(r.server().open(m1))).isEqualTo("one");
        assertThatThrownBy(() -> r.server().open(m3)).isInstanceOf(AuthenticationException.class);
        assertDead(r.server(), m3);
    }

    @ParameterizedTest
    @EnumSource(CipherSuite.class)
    void droppedFragmentOfALongMessageDeliversNothing(CipherSuite s) throws Exception {
        use(s);
        Pipe.Result r = connect(b -> b.recordContentBytes(256));
        byte[] big = new byte[2000];
        for (int i = 0; i < big.length; i++) {
            big[i] = (byte) i;
        }
        List<byte[]> frames = FrameSplitter.split(r.client().seal(big));
        assertThat(frames).hasSizeGreaterThan(3);
        assertThat(r.server().open(frames.get(0))).isInstanceOf(Inbound.Pending.class);
        // frames.get(1) is dropped
        assertThatThrownBy(() -> r.server().open(frames.get(2))).isInstanceOf(AuthenticationException.class);
        assertDead(r.server(), frames.get(1));
    }

    @ParameterizedTest
    @EnumSource(CipherSuite.class)
    void droppedFinalFragmentIsDetectedByTheNextMessage(CipherSuite s) throws Exception {
        use(s);
        Pipe.Result r = connect(b -> b.recordContentBytes(256));
        List<byte[]> frames = FrameSplitter.split(r.client().seal(new byte[1000]));
        // With 256-byte records a large signature (ML-DSA-65's is 3,309 bytes) spreads the next
        // message over two records: nothing is delivered, and one of them fails.
        List<byte[]> next = FrameSplitter.split(r.client().seal("next"));
        for (int i = 0; i < frames.size() - 1; i++) {
            assertThat(r.server().open(frames.get(i))).isInstanceOf(Inbound.Pending.class);
        }
        AuthenticationException failed = null;
        for (byte[] f : next) {
            try {
                assertThat(r.server().open(f)).isInstanceOf(Inbound.Pending.class);
            } catch (AuthenticationException e) {
                failed = e;
                break;
            }
        }
        assertThat(failed).as("the next message was refused").isNotNull();
    }

    @ParameterizedTest
    @EnumSource(CipherSuite.class)
    void tamperedRecordIsRejected(CipherSuite s) throws Exception {
        use(s);
        // Bits in the first ciphertext byte, inside the body, and the tag's last bit; positions are
        // taken from each frame, since signatures (inside the record) vary in length.
        for (int which = 0; which < 3; which++) {
            Pipe.Result fresh = connect();
            byte[] frame = fresh.client().seal("attack at dawn");
            int bit = which == 0 ? 5 * 8 : which == 1 ? 8 * 8 + 3 : (frame.length - 1) * 8 + 7;
            frame[bit / 8] ^= (byte) (1 << (bit % 8));
            assertThatCode(() -> fresh.server().open(frame))
                    .as("bit %d flipped", bit)
                    .isInstanceOf(AuthenticationException.class);
        }
        // A header whose length disagrees with the body is malformed.
        Pipe.Result r2 = connect();
        byte[] x = r2.client().seal("x");
        byte[] truncated = java.util.Arrays.copyOf(x, x.length - 1);
        assertThatThrownBy(() -> r2.server().open(truncated)).isInstanceOf(MalformedInputException.class);
        // A consistent but changed header (one byte appended to the body) fails authentication: the
        // header is part of the AEAD associated data.
        Pipe.Result r = connect();
        byte[] m1 = r.client().seal("attack at dawn");
        byte[] longer = java.util.Arrays.copyOf(m1, m1.length + 1);
        longer[4]++;
        assertThatThrownBy(() -> r.server().open(longer)).isInstanceOf(AuthenticationException.class);
    }

    @ParameterizedTest
    @EnumSource(CipherSuite.class)
    void recordFromAnotherSessionIsRejected(CipherSuite s) throws Exception {
        use(s);
        // Same identities, same configuration: only the session keys differ.
        Pipe.Result a = connect();
        Pipe.Result b = connect();
        assertThat(a.client().sessionId()).isNotEqualTo(b.client().sessionId());
        byte[] fromA = a.client().seal("for session A");
        assertThatThrownBy(() -> b.server().open(fromA)).isInstanceOf(AuthenticationException.class);
        assertDead(b.server(), b.client().seal("for session B"));
        // Session A is unaffected.
        assertThat(text(a.server().open(fromA))).isEqualTo("for session A");
    }

    @ParameterizedTest
    @EnumSource(CipherSuite.class)
    void recordReflectedBackToItsSenderIsRejected(CipherSuite s) throws Exception {
        use(s);
        Pipe.Result r = connect();
        byte[] fromClient = r.client().seal("to the server");
        assertThatThrownBy(() -> r.client().open(fromClient)).isInstanceOf(AuthenticationException.class);
        assertThatThrownBy(() -> r.client().seal("more")).isInstanceOf(SessionClosedException.class);

        Pipe.Result r2 = connect();
        byte[] fromServer = r2.server().seal("to the client");
        assertThatThrownBy(() -> r2.server().open(fromServer)).isInstanceOf(AuthenticationException.class);
        assertDead(r2.server(), r2.client().seal("valid"));
    }

    @ParameterizedTest
    @EnumSource(CipherSuite.class)
    void handshakeFrameInsteadOfARecordIsMalformed(CipherSuite s) throws Exception {
        use(s);
        Pipe.Result r = connect();
        assertThatThrownBy(() -> r.server().open(r.frames().get(0))).isInstanceOf(MalformedInputException.class);
        assertDead(r.server(), r.client().seal("valid"));
    }

    @ParameterizedTest
    @EnumSource(CipherSuite.class)
    void closeNotifyEndsTheDirectionCleanly(CipherSuite s) throws Exception {
        use(s);
        Pipe.Result r = connect();
        assertThat(text(r.server().open(r.client().seal("last words")))).isEqualTo("last words");
        byte[] close = r.client().close();
        assertThat(r.server().open(close)).isInstanceOf(Inbound.Closed.class);
        assertThat(r.server().isPeerClosed()).isTrue();

        assertThatThrownBy(() -> r.client().seal("after close")).isInstanceOf(SessionClosedException.class);
        assertThatThrownBy(() -> r.client().seal(new byte[0])).isInstanceOf(SessionClosedException.class);
        assertThatThrownBy(() -> r.client().close()).isInstanceOf(SessionClosedException.class);
        assertThatThrownBy(() -> r.server().open(close)).isInstanceOf(SessionClosedException.class);

        // Half-close: the other direction still works until the server closes too.
        assertThat(text(r.client().open(r.server().seal("reply")))).isEqualTo("reply");
        assertThat(r.client().open(r.server().close())).isInstanceOf(Inbound.Closed.class);
    }

    @ParameterizedTest
    @EnumSource(CipherSuite.class)
    void replayedCloseNotifyFromAnotherSessionIsRejected(CipherSuite s) throws Exception {
        use(s);
        Pipe.Result a = connect();
        Pipe.Result b = connect();
        byte[] closeA = a.client().close();
        // A forged end of session B (truncation attack) does not authenticate.
        assertThatThrownBy(() -> b.server().open(closeA)).isInstanceOf(AuthenticationException.class);
        assertThat(b.server().isPeerClosed()).isFalse();
    }

    @ParameterizedTest
    @EnumSource(CipherSuite.class)
    void messageSignatureBindsSessionDirectionAndSequence(CipherSuite s) throws Exception {
        use(s);
        Pipe.Result r = connect();
        VerifiedMessage m = ((Inbound.Message) r.server().open(r.client().seal(utf8("signed")))).message();
        OfflineVerifier.verify(m);
        assertThat(m.sessionId()).isEqualTo(r.server().sessionId());
        assertThat(m.direction()).isEqualTo(Direction.CLIENT_TO_SERVER);
        // The signature does not verify for another signer or other signed data.
        assertThatThrownBy(() -> OfflineVerifier.verify(
                        bob.publicIdentity(),
                        m.signedData().toByteArray(),
                        m.signature().toByteArray()))
                .isInstanceOf(AuthenticationException.class);
        byte[] other = m.signedData().toByteArray();
        other[other.length - 1] ^= 1;
        assertThatThrownBy(() -> OfflineVerifier.verify(
                        alice.publicIdentity(), other, m.signature().toByteArray()))
                .isInstanceOf(AuthenticationException.class);
    }
}
