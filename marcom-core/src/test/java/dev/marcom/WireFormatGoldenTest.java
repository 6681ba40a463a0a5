package dev.marcom;

import static org.assertj.core.api.Assertions.assertThat;

import dev.marcom.identity.Identity;
import dev.marcom.identity.TrustPolicy;
import dev.marcom.session.Inbound;
import dev.marcom.session.Session;
import dev.marcom.session.SessionConfig;
import dev.marcom.testing.DeterministicRandom;
import dev.marcom.testing.Fixtures;
import dev.marcom.testing.Pipe;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The wire format, pinned: a scripted session driven by deterministic randomness (identities,
 * nonces, ElGamal keys; DSA signs with RFC 6979 nonces) must produce exactly the frames it
 * produced on commit abd9a0d, before the architecture refactor. Every frame of the handshake,
 * messages both ways (one fragmented), a stream, key updates, a keep-alive and both closes goes
 * into one SHA-256. A change to any wire byte fails here; so does a change to what a
 * deterministic run draws from its random source, which is a reason to look, not to update.
 *
 * <p>Re-pinned once, for a change of the second kind: ElGamal key pairs now come from the JDK's
 * generator, which draws the private exponent from the random source differently from
 * BouncyCastle's (issue 13). The commit just before (600f868) still produced the old hashes
 * (891c5b78…, df1d22aa…); the published vectors changed the same way (only values derived from
 * the new exponents; the ClientHello is unchanged).
 */
class WireFormatGoldenTest {

    private static final String GOLDEN_2048 = "d703c84a1b9547eb670a6c0a764ad0cda0593a1c18fc93b0bb0e1746eccce612";
    private static final String GOLDEN_3072 = "5f5b45745970d9017f1d72ec30e32cdc2596b326db9849f7bcadd90e4964cc66";

    @ParameterizedTest(name = "{0}")
    @CsvSource({"CLASSIC, DSA_2048_256, " + GOLDEN_2048, "CLASSIC_3072, DSA_3072_256, " + GOLDEN_3072})
    void aScriptedSessionSendsTheSameBytesAsBeforeTheRefactor(
            CipherSuite suite, SignatureAlgorithm size, String expected) throws Exception {
        Identity alice = Identity.generate(size, DeterministicRandom.of(101));
        Identity bob = Identity.generate(size, DeterministicRandom.of(202));
        SessionConfig client = config(alice, bob, suite, 303);
        SessionConfig server = config(bob, alice, suite, 404);
        Pipe.Result pipe = Pipe.handshake(client, server);
        List<byte[]> frames = new ArrayList<>(pipe.frames());
        Session c = pipe.client();
        Session s = pipe.server();

        send(frames, c.seal("hello, Bob"), s);
        send(frames, s.seal("hello, Alice"), c);
        byte[] big = new byte[1000];
        for (int i = 0; i < big.length; i++) {
            big[i] = (byte) (i * 7);
        }
        send(frames, c.seal(big), s);
        send(frames, s.beginStream("notes.txt", 600), c);
        send(frames, s.sealStreamChunk(big, 0, 300), c);
        send(frames, s.sealStreamChunk(big, 300, 300), c);
        send(frames, s.endStream().frames(), c);
        for (int i = 0; i < 4; i++) {
            send(frames, c.seal("message " + i), s);
        }
        send(frames, c.ping(), s);
        send(frames, s.pong(), c);
        send(frames, c.close(), s);
        send(frames, s.close(), c);

        MessageDigest all = MessageDigest.getInstance("SHA-256");
        for (byte[] frame : frames) {
            all.update(frame);
        }
        assertThat(frames).hasSize(30);
        assertThat(HexFormat.of().formatHex(all.digest())).isEqualTo(expected);
    }

    private static SessionConfig config(Identity self, Identity peer, CipherSuite suite, long seed) {
        return SessionConfig.builder(self, TrustPolicy.pinned(peer.fingerprint()))
                .suites(suite)
                .random(DeterministicRandom.of(seed))
                .recordContentBytes(256)
                .keyUpdateAfterRecords(3)
                .build();
    }

    /** Records the frames and has the peer open them, so the script stays a valid conversation. */
    private static void send(List<byte[]> frames, byte[] sealed, Session receiver) throws Exception {
        for (byte[] frame : Fixtures.split(sealed)) {
            frames.add(frame);
            Inbound in = receiver.open(frame);
            assertThat(in).isNotNull();
        }
    }
}
