package dev.marcom.testing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.marcom.CipherSuite;
import dev.marcom.MalformedInputException;
import dev.marcom.MarcomException;
import dev.marcom.Role;
import dev.marcom.SignatureAlgorithm;
import dev.marcom.handshake.DirectSessions;
import dev.marcom.identity.Identity;
import dev.marcom.identity.TrustPolicy;
import dev.marcom.internal.crypto.Sha256;
import dev.marcom.internal.crypto.SignatureSchemes;
import dev.marcom.internal.wire.Frames;
import dev.marcom.session.Session;
import dev.marcom.session.SessionConfig;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Deterministic fixtures for property and fuzz tests: identities, configurations, session pairs
 * and frame helpers. Everything here is reproducible from its arguments, so a failing case or a
 * fuzzer finding replays exactly.
 */
public final class Fixtures {
    private static final long CLIENT_SEED = 0xC11E17L;
    private static final long SERVER_SEED = 0x5E7E7L;

    /** Client and server identities generated from fixed seeds (the same keys on every run). */
    public static final Identity CLIENT_ID = identity(SignatureAlgorithm.DSA_2048_256, CLIENT_SEED);

    public static final Identity SERVER_ID = identity(SignatureAlgorithm.DSA_2048_256, SERVER_SEED);

    private Fixtures() {}

    private static Identity identity(SignatureAlgorithm algorithm, long seed) {
        return Identity.generate(algorithm, DeterministicRandom.of(seed));
    }

    /** The fixed-seed identities of every algorithm, generated when a test first asks for one. */
    private static final class ByAlgorithm {
        static final Map<SignatureAlgorithm, Identity> CLIENTS = all(CLIENT_ID, CLIENT_SEED);
        static final Map<SignatureAlgorithm, Identity> SERVERS = all(SERVER_ID, SERVER_SEED);

        private static Map<SignatureAlgorithm, Identity> all(Identity dsa2048, long seed) {
            Map<SignatureAlgorithm, Identity> m = new EnumMap<>(SignatureAlgorithm.class);
            for (SignatureAlgorithm a : SignatureAlgorithm.values()) {
                m.put(a, a == SignatureAlgorithm.DSA_2048_256 ? dsa2048 : identity(a, seed));
            }
            return Collections.unmodifiableMap(m);
        }
    }

    /**
     * The client identity of an algorithm, from a fixed seed.
     *
     * @param algorithm the algorithm its key signs with
     * @return {@link #CLIENT_ID} for DSA-2048, otherwise the same on every run
     */
    public static Identity clientId(SignatureAlgorithm algorithm) {
        return ByAlgorithm.CLIENTS.get(algorithm);
    }

    /**
     * The server identity of an algorithm, from a fixed seed.
     *
     * @param algorithm the algorithm its key signs with
     * @return {@link #SERVER_ID} for DSA-2048, otherwise the same on every run
     */
    public static Identity serverId(SignatureAlgorithm algorithm) {
        return ByAlgorithm.SERVERS.get(algorithm);
    }

    /** Signs {@code data} as {@code signer} does, under the scheme of its algorithm. */
    public static byte[] sign(Identity signer, byte[] data) {
        return SignatureSchemes.of(signer.algorithm()).sign(signer.privateKey(), data);
    }

    /** A client config with predictable randomness from {@code seed}. */
    public static SessionConfig.Builder client(long seed) {
        return client(seed, SignatureAlgorithm.DSA_2048_256);
    }

    /** A server config with predictable randomness from {@code seed}. */
    public static SessionConfig.Builder server(long seed) {
        return server(seed, SignatureAlgorithm.DSA_2048_256);
    }

    /** A client config whose identity signs with {@code algorithm}, randomness from {@code seed}. */
    public static SessionConfig.Builder client(long seed, SignatureAlgorithm algorithm) {
        return SessionConfig.builder(clientId(algorithm), TrustPolicy.acceptAny())
                .random(DeterministicRandom.of(seed));
    }

    /** A server config whose identity signs with {@code algorithm}, randomness from {@code seed}. */
    public static SessionConfig.Builder server(long seed, SignatureAlgorithm algorithm) {
        return SessionConfig.builder(serverId(algorithm), TrustPolicy.acceptAny())
                .random(DeterministicRandom.of(~seed));
    }

    /** The sender and receiver of one direction of a session. */
    public record Link(Session sender, Session receiver) {}

    /**
     * A connected client/server pair built straight from traffic secrets derived from {@code seed},
     * exactly as a finished handshake would hand them over, without running one (no ElGamal or
     * handshake signatures, so cheap enough to make one per fuzz input). Records, signatures and all
     * checks of the record layer are the real ones. The sessions report {@link CipherSuite#CLASSIC}.
     */
    public static Pipe.Result directPair(SessionConfig client, SessionConfig server, long seed) {
        return directPair(client, server, seed, CipherSuite.CLASSIC);
    }

    /**
     * {@link #directPair(SessionConfig, SessionConfig, long)} for a pair that negotiated {@code
     * suite}; the identities (and so the record signatures) are those of the two configs.
     */
    public static Pipe.Result directPair(SessionConfig client, SessionConfig server, long seed, CipherSuite suite) {
        byte[] sessionId = derive(seed, 0);
        byte[] c2s = derive(seed, 1);
        byte[] s2c = derive(seed, 2);
        Session c = DirectSessions.open(
                Role.CLIENT, suite, sessionId, server.identity().publicIdentity(), c2s.clone(), s2c.clone(), client);
        Session s = DirectSessions.open(
                Role.SERVER, suite, sessionId, client.identity().publicIdentity(), s2c.clone(), c2s.clone(), server);
        return new Pipe.Result(c, s, List.of());
    }

    /** The traffic secret the sending side of {@link #directPair} uses, for forging peers. */
    public static byte[] directSendSecret(long seed, Role sender) {
        return derive(seed, sender == Role.CLIENT ? 1 : 2);
    }

    /** The session id of {@link #directPair}. */
    public static byte[] directSessionId(long seed) {
        return derive(seed, 0);
    }

    private static byte[] derive(long seed, int what) {
        return Sha256.hash(
                "fixture secret".getBytes(java.nio.charset.StandardCharsets.US_ASCII),
                ByteBuffer.allocate(12).putLong(seed).putInt(what).array());
    }

    /** One direction of {@code pair}: client to server or server to client. */
    public static Link link(Pipe.Result pair, boolean clientSends) {
        return clientSends ? new Link(pair.client(), pair.server()) : new Link(pair.server(), pair.client());
    }

    /** Splits concatenated, well-formed frames (as {@link Session#seal} returns) into frames. */
    public static List<byte[]> split(byte[] frames) {
        List<byte[]> out = new ArrayList<>();
        int pos = 0;
        while (pos < frames.length) {
            int len;
            try {
                len = Frames.HEADER_BYTES + Frames.bodyLength(frames, pos);
            } catch (MalformedInputException e) {
                throw new AssertionError("seal produced a malformed frame at " + pos, e);
            }
            out.add(Arrays.copyOfRange(frames, pos, pos + len));
            pos += len;
        }
        assertThat(pos).isEqualTo(frames.length);
        return out;
    }

    /** Concatenates frames. */
    public static byte[] concat(List<byte[]> frames) {
        int n = frames.stream().mapToInt(f -> f.length).sum();
        ByteBuffer b = ByteBuffer.allocate(n);
        frames.forEach(b::put);
        return b.array();
    }

    /** A copy of {@code frame} with bit {@code bit} (0 = most significant of byte 0) flipped. */
    public static byte[] flip(byte[] frame, int bit) {
        byte[] f = frame.clone();
        f[bit / 8] ^= (byte) (0x80 >>> (bit % 8));
        return f;
    }

    /** Something a test runs that may throw the library's checked exceptions. */
    @FunctionalInterface
    public interface Action<T> {
        T run() throws Exception;
    }

    /**
     * Runs {@code action} and returns the {@link MarcomException} it threw, or null if it returned.
     * Any other exception or error is a property violation and is rethrown as an AssertionError
     * (so the fuzzer and JUnit both report it with the original as cause).
     */
    public static MarcomException typedFailure(Action<?> action) {
        try {
            action.run();
            return null;
        } catch (MarcomException e) {
            return e;
        } catch (Throwable t) {
            throw new AssertionError("expected success or a MarcomException, got " + t, t);
        }
    }
}
