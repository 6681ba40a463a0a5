package dev.marcom.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.marcom.MalformedInputException;
import dev.marcom.SignatureAlgorithm;
import dev.marcom.session.SessionConfig;
import dev.marcom.testing.DeterministicRandom;
import dev.marcom.testing.Fixtures;
import dev.marcom.testing.Pipe;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The cache of validated peer identities: it returns what {@link PeerIdentity#fromSubjectPublicKeyInfo}
 * would, keeps only keys that passed, forgets the least recently used beyond its capacity, and
 * never stands in for the trust policy; handshakes of one configuration share it.
 */
@Timeout(120)
class PeerIdentityCacheTest {
    private static byte[] spki(SignatureAlgorithm algorithm) {
        return Fixtures.clientId(algorithm)
                .publicIdentity()
                .subjectPublicKeyInfo()
                .toByteArray();
    }

    @ParameterizedTest
    @EnumSource(SignatureAlgorithm.class)
    void returnsTheValidatedIdentityAndKeepsIt(SignatureAlgorithm algorithm) throws Exception {
        PeerIdentityCache cache = new PeerIdentityCache(4);
        byte[] encoded = spki(algorithm);

        PeerIdentity first = cache.identity(encoded);
        PeerIdentity second = cache.identity(encoded.clone());

        assertThat(first).isEqualTo(PeerIdentity.fromSubjectPublicKeyInfo(encoded));
        assertThat(first.algorithm()).isEqualTo(algorithm);
        assertThat(second).isSameAs(first);
        assertThat(cache.size()).isEqualTo(1);
    }

    @Test
    void neverKeepsAKeyThatFailsValidation() {
        PeerIdentityCache cache = new PeerIdentityCache(4);
        byte[] broken = spki(SignatureAlgorithm.DSA_2048_256);
        broken[broken.length - 1] ^= 1; // y changes: out of the order-q subgroup

        for (int i = 0; i < 2; i++) {
            assertThatThrownBy(() -> cache.identity(broken)).isInstanceOf(MalformedInputException.class);
        }
        assertThat(cache.size()).isZero();
    }

    @Test
    void aValidKeyInAnotherEncodingIsNotTakenForTheCachedOne() throws Exception {
        PeerIdentityCache cache = new PeerIdentityCache(4);
        byte[] encoded = spki(SignatureAlgorithm.DSA_2048_256);
        cache.identity(encoded);
        // The same key with trailing garbage: not canonical DER, refused as if never seen.
        byte[] padded = Arrays.copyOf(encoded, encoded.length + 1);

        assertThatThrownBy(() -> cache.identity(padded)).isInstanceOf(MalformedInputException.class);
        assertThat(cache.size()).isEqualTo(1);
    }

    @Test
    void forgetsTheLeastRecentlyUsedBeyondItsCapacity() throws Exception {
        PeerIdentityCache cache = new PeerIdentityCache(2);
        byte[] dsa = spki(SignatureAlgorithm.DSA_2048_256);
        byte[] ed = spki(SignatureAlgorithm.ED25519);
        byte[] ml = spki(SignatureAlgorithm.ML_DSA_65);

        PeerIdentity dsaIdentity = cache.identity(dsa);
        cache.identity(ed);
        cache.identity(dsa); // dsa is now the most recently used
        cache.identity(ml); // evicts ed

        assertThat(cache.size()).isEqualTo(2);
        assertThat(cache.identity(dsa)).isSameAs(dsaIdentity);
        PeerIdentity edAgain = cache.identity(ed); // validated afresh, evicts ml
        assertThat(edAgain).isEqualTo(PeerIdentity.fromSubjectPublicKeyInfo(ed));
        assertThat(cache.size()).isEqualTo(2);

        cache.clear();
        assertThat(cache.size()).isZero();
    }

    @Test
    void capacityZeroKeepsNothing() throws Exception {
        PeerIdentityCache cache = new PeerIdentityCache(0);
        byte[] encoded = spki(SignatureAlgorithm.ED25519);

        assertThat(cache.identity(encoded)).isNotSameAs(cache.identity(encoded));
        assertThat(cache.size()).isZero();
        assertThatThrownBy(() -> new PeerIdentityCache(-1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void handshakesOfOneConfigurationShareThePeersIdentity() throws Exception {
        SessionConfig client = Fixtures.client(1).build();
        SessionConfig server = Fixtures.server(2).build();

        Pipe.Result first = Pipe.handshake(client, server);
        Pipe.Result second = Pipe.handshake(client, server);

        assertThat(second.server().peer()).isSameAs(first.server().peer());
        assertThat(second.client().peer()).isSameAs(first.client().peer());
        assertThat(server.peerIdentities().size()).isEqualTo(1);
        assertThat(client.peerIdentities().size()).isEqualTo(1);
        assertThat(server.peerIdentities().capacity()).isEqualTo(PeerIdentityCache.DEFAULT_CAPACITY);
    }

    @Test
    void aCachedIdentityStillFacesTheTrustPolicy() throws Exception {
        PeerIdentityCache shared = new PeerIdentityCache(8);
        SessionConfig client = Fixtures.client(3).build();
        SessionConfig trusting = Fixtures.server(4).peerIdentities(shared).build();
        Pipe.handshake(client, trusting);
        assertThat(shared.size()).isEqualTo(1);

        SessionConfig pinnedElsewhere = SessionConfig.builder(
                        Fixtures.SERVER_ID,
                        TrustPolicy.pinned(
                                Fixtures.serverId(SignatureAlgorithm.ED25519).fingerprint()))
                .random(DeterministicRandom.of(5))
                .peerIdentities(shared)
                .build();

        assertThatThrownBy(() -> Pipe.handshake(client, pinnedElsewhere)).isInstanceOf(UntrustedPeerException.class);
    }
}
