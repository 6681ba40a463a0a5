package dev.marcom.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.marcom.session.SessionConfig;
import dev.marcom.testing.TestIdentities;
import dev.marcom.transport.InMemoryFrameChannel;
import dev.marcom.transport.SecureChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Server-side trust: the authorized_peers file and its two policies. */
@Timeout(60)
class AuthorizedPeersTest {
    @TempDir
    Path dir;

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-29T12:00:00Z"), ZoneOffset.UTC);

    private static PeerIdentity peer(Identity id) {
        return id.publicIdentity();
    }

    @Test
    void authorizedOnlyAcceptsListedClientsAndRefusesOthersWithoutWriting() throws Exception {
        Path file = dir.resolve("authorized_peers");
        Files.writeString(file, "# clients\n" + TestIdentities.ALICE.fingerprint() + " alice laptop\n");
        AuthorizedPeers store = AuthorizedPeers.open(file);
        AuthorizedPeerPolicy policy = store.authorizedOnly();
        policy.check(peer(TestIdentities.ALICE));
        assertThat(policy.decision())
                .contains(new AuthorizedPeerPolicy.Decision(
                        TestIdentities.ALICE.fingerprint(), AuthorizedPeerPolicy.Outcome.AUTHORIZED, file, 2));
        assertThatThrownBy(() -> store.authorizedOnly().check(peer(TestIdentities.BOB)))
                .isInstanceOf(UntrustedPeerException.class)
                .hasMessageContaining("not listed in " + file)
                .hasMessageContaining(TestIdentities.BOB.fingerprint().toString());
        assertThat(Files.readString(file))
                .doesNotContain(TestIdentities.BOB.fingerprint().toString());
    }

    @Test
    void aMissingFileListsNobody() throws Exception {
        AuthorizedPeers store = AuthorizedPeers.open(dir.resolve("none/authorized_peers"));
        assertThat(store.entries()).isEmpty();
        assertThatThrownBy(() -> store.authorizedOnly().check(peer(TestIdentities.ALICE)))
                .isInstanceOf(UntrustedPeerException.class);
        assertThat(dir.resolve("none")).doesNotExist();
    }

    @Test
    void manyClientsFromOneHostAreRecordedOnFirstUseEachUnderItsOwnLine() throws Exception {
        Path file = dir.resolve("home/authorized_peers");
        AuthorizedPeers store = AuthorizedPeers.open(file, CLOCK);
        List<Identity> clients = List.of(TestIdentities.ALICE, TestIdentities.BOB, TestIdentities.MALLORY);
        for (Identity c : clients) {
            AuthorizedPeerPolicy first = store.recordNewPeers();
            first.check(peer(c));
            assertThat(first.decision().orElseThrow().newPeer()).isTrue();
            AuthorizedPeerPolicy again = store.recordNewPeers();
            again.check(peer(c));
            assertThat(again.decision().orElseThrow().outcome()).isEqualTo(AuthorizedPeerPolicy.Outcome.AUTHORIZED);
        }
        assertThat(store.entries())
                .extracting(AuthorizedPeers.Entry::fingerprint)
                .containsExactly(
                        TestIdentities.ALICE.fingerprint(),
                        TestIdentities.BOB.fingerprint(),
                        TestIdentities.MALLORY.fingerprint());
        assertThat(store.entries().get(0).comment()).isEqualTo("# first seen 2026-11-29T12:00:00Z");
        assertThat(Files.readString(file)).startsWith("# MARCOM authorized peers");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
                .isEqualTo("rw-------");
        // And now authorized-only accepts all three.
        for (Identity c : clients) {
            store.authorizedOnly().check(peer(c));
        }
    }

    @Test
    void aMalformedLineRefusesEveryClientAndNamesTheLine() throws Exception {
        Path file = dir.resolve("authorized_peers");
        Files.writeString(file, TestIdentities.ALICE.fingerprint() + "\nnot-a-fingerprint bob\n");
        AuthorizedPeers store = AuthorizedPeers.open(file);
        for (AuthorizedPeerPolicy policy : List.of(store.authorizedOnly(), store.recordNewPeers())) {
            assertThatThrownBy(() -> policy.check(peer(TestIdentities.ALICE)))
                    .isInstanceOf(UntrustedPeerException.class)
                    .hasCauseInstanceOf(PeerFileFormatException.class)
                    .hasMessageContaining(file + ":2: expected \"<fingerprint> [comment]\"");
        }
        Files.write(file, new byte[] {(byte) 0xff, '\n'});
        assertThatThrownBy(store::entries)
                .isInstanceOf(PeerFileFormatException.class)
                .hasMessage(file + ":1: not valid UTF-8");
    }

    @Test
    void addIsIdempotentAndRemoveRevokesKeepingOtherLines() throws Exception {
        Path file = dir.resolve("authorized_peers");
        Files.writeString(file, "# mine\r\n\n" + TestIdentities.BOB.fingerprint() + "\tbob\n", StandardCharsets.UTF_8);
        AuthorizedPeers store = AuthorizedPeers.open(file);
        AuthorizedPeers.Entry added = store.add(TestIdentities.ALICE.fingerprint(), "alice");
        assertThat(added.line()).isEqualTo(4);
        assertThat(store.add(TestIdentities.ALICE.fingerprint(), "other comment"))
                .isEqualTo(added);
        assertThat(store.lookup(TestIdentities.BOB.fingerprint()).orElseThrow().comment())
                .isEqualTo("bob");
        assertThat(store.remove(TestIdentities.BOB.fingerprint())).isTrue();
        assertThat(store.remove(TestIdentities.BOB.fingerprint())).isFalse();
        assertThat(Files.readString(file)).isEqualTo("# mine\r\n\n" + TestIdentities.ALICE.fingerprint() + " alice\n");
        assertThatThrownBy(() -> store.add(TestIdentities.BOB.fingerprint(), "two\nlines"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void concurrentFirstContactsLoseNoEntry() throws Exception {
        AuthorizedPeers store = AuthorizedPeers.open(dir.resolve("authorized_peers"));
        List<Identity> clients = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            clients.add(Identity.generate(new SecureRandom()));
        }
        ExecutorService pool = Executors.newFixedThreadPool(6);
        List<AuthorizedPeerPolicy> policies = new ArrayList<>();
        try {
            List<Future<?>> done = new ArrayList<>();
            for (Identity c : clients) {
                for (int twice = 0; twice < 2; twice++) { // each client connects twice at once
                    AuthorizedPeerPolicy policy = store.recordNewPeers();
                    policies.add(policy);
                    done.add(pool.submit(() -> {
                        policy.check(c.publicIdentity());
                        return null;
                    }));
                }
            }
            for (Future<?> f : done) {
                f.get(30, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(store.entries()).hasSize(12);
        // Exactly one of each client's two concurrent handshakes recorded it.
        assertThat(policies.stream().filter(p -> p.decision().orElseThrow().newPeer()))
                .hasSize(12);
    }

    @Test
    void aServerWithAuthorizedOnlyRefusesAnUnlistedClientWhoIsToldSo() throws Exception {
        AuthorizedPeers store = AuthorizedPeers.open(dir.resolve("authorized_peers"));
        store.add(TestIdentities.MALLORY.fingerprint(), "someone else");
        InMemoryFrameChannel.Pair pair = InMemoryFrameChannel.pair();
        CompletableFuture<Throwable> server = CompletableFuture.supplyAsync(() -> {
            try {
                SecureChannel.accept(
                                pair.server(),
                                SessionConfig.builder(TestIdentities.BOB, store.authorizedOnly())
                                        .build())
                        .close();
                return null;
            } catch (Exception e) {
                return e;
            }
        });
        assertThatThrownBy(() -> SecureChannel.connect(
                        pair.client(),
                        SessionConfig.builder(TestIdentities.ALICE, TrustPolicy.acceptAny())
                                .build()))
                .isInstanceOf(RefusedByPeerException.class)
                .satisfies(e -> assertThat(((RefusedByPeerException) e).identity())
                        .isEqualTo(TestIdentities.ALICE.fingerprint()));
        assertThat(server.get(10, TimeUnit.SECONDS)).isInstanceOf(UntrustedPeerException.class);
    }
}
