package dev.marcom.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.marcom.session.SessionConfig;
import dev.marcom.testing.TestIdentities;
import dev.marcom.transport.InMemoryFrameChannel;
import dev.marcom.transport.SecureChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Trust on first use across real handshakes over an in-memory transport. */
@Timeout(60)
class TrustOnFirstUseHandshakeTest {
    private static final String ADDRESS = "bob.example:7000";

    @TempDir
    Path dir;

    /** A client connection to a server with {@code serverIdentity}; returns {client, server}. */
    private static SecureChannel[] connect(TrustPolicy clientPolicy, Identity serverIdentity) throws Exception {
        InMemoryFrameChannel.Pair pair = InMemoryFrameChannel.pair();
        SessionConfig serverConfig =
                SessionConfig.builder(serverIdentity, TrustPolicy.acceptAny()).build();
        CompletableFuture<SecureChannel> server = CompletableFuture.supplyAsync(() -> {
            try {
                return SecureChannel.accept(pair.server(), serverConfig);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        try {
            SecureChannel client = SecureChannel.connect(
                    pair.client(),
                    SessionConfig.builder(TestIdentities.ALICE, clientPolicy).build());
            return new SecureChannel[] {client, server.get(30, TimeUnit.SECONDS)};
        } catch (Exception e) {
            try {
                server.get(30, TimeUnit.SECONDS).close();
            } catch (ExecutionException expected) {
                // the server sees the client hang up
            }
            throw e;
        }
    }

    @Test
    void firstContactRecordsSecondMatchesChangedKeyFails() throws Exception {
        KnownPeers knownPeers = KnownPeers.open(dir.resolve(KnownPeers.FILE_NAME));

        KnownPeerPolicy first = knownPeers.tofu(ADDRESS);
        SecureChannel[] c = connect(first, TestIdentities.BOB);
        KnownPeerPolicy.Decision d = first.decision().orElseThrow();
        assertThat(d.newPeer()).isTrue();
        assertThat(d.fingerprint()).isEqualTo(TestIdentities.BOB.fingerprint());
        assertThat(c[0].peer().fingerprint()).isEqualTo(d.fingerprint());
        // Both sides compute the same safety number from their own session.
        SafetyNumber clientView = SafetyNumber.of(c[0].session().localIdentity(), c[0].peer());
        SafetyNumber serverView = SafetyNumber.of(c[1].session().localIdentity(), c[1].peer());
        assertThat(clientView).isEqualTo(serverView);
        c[0].send("hello");
        assertThat(c[1].receive().orElseThrow().text()).isEqualTo("hello");
        c[0].close();
        c[1].close();

        KnownPeerPolicy second = knownPeers.tofu(ADDRESS);
        c = connect(second, TestIdentities.BOB);
        assertThat(second.decision().orElseThrow().outcome()).isEqualTo(KnownPeerPolicy.Outcome.KNOWN_PEER_MATCHED);
        assertThat(second.decision().orElseThrow().line()).isEqualTo(d.line());
        c[0].close();
        c[1].close();

        String before = Files.readString(knownPeers.file());
        KnownPeerPolicy third = knownPeers.tofu(ADDRESS);
        ChangedPeerKeyException e =
                catchThrowableOfType(ChangedPeerKeyException.class, () -> connect(third, TestIdentities.MALLORY));
        assertThat(e.knownFingerprint()).isEqualTo(TestIdentities.BOB.fingerprint());
        assertThat(e.presentedFingerprint()).isEqualTo(TestIdentities.MALLORY.fingerprint());
        assertThat(e.line()).isEqualTo(d.line());
        assertThat(e.file()).isEqualTo(knownPeers.file());
        assertThat(third.decision()).isEmpty();
        assertThat(Files.readString(knownPeers.file())).isEqualTo(before);
    }

    @Test
    void aManInTheMiddleChangesTheSafetyNumber() throws Exception {
        // Alice talks to Mallory (thinking it is Bob), Mallory talks to Bob: the numbers differ.
        SecureChannel[] aliceToMallory = connect(TrustPolicy.acceptAny(), TestIdentities.MALLORY);
        SafetyNumber alice = SafetyNumber.of(aliceToMallory[0].session().localIdentity(), aliceToMallory[0].peer());
        SafetyNumber bob =
                SafetyNumber.of(TestIdentities.BOB.publicIdentity(), TestIdentities.MALLORY.publicIdentity());
        assertThat(alice).isNotEqualTo(bob);
        aliceToMallory[0].close();
        aliceToMallory[1].close();
    }
}
