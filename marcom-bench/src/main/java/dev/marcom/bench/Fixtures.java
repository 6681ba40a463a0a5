package dev.marcom.bench;

import dev.marcom.CipherSuite;
import dev.marcom.MarcomException;
import dev.marcom.SignatureAlgorithm;
import dev.marcom.handshake.Handshake;
import dev.marcom.handshake.HandshakeStep;
import dev.marcom.identity.Identity;
import dev.marcom.identity.TrustPolicy;
import dev.marcom.internal.wire.Frames;
import dev.marcom.session.Session;
import dev.marcom.session.SessionConfig;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Shared set-up for every benchmark: identities, configs, an in-thread handshake driver (the idea
 * of marcom-core's test {@code Pipe}, copied because the bench cannot depend on test classes) and
 * fixed byte patterns. Nothing here is measured.
 */
public final class Fixtures {
    private static final Map<SignatureAlgorithm, Identity> IDENTITIES = new EnumMap<>(SignatureAlgorithm.class);

    private Fixtures() {}

    /** One identity per size per JVM: key generation is set-up, not the thing measured. */
    public static synchronized Identity identity(SignatureAlgorithm size) {
        return IDENTITIES.computeIfAbsent(size, s -> Identity.generate(s, new SecureRandom()));
    }

    /** The DSA size for a bench parameter such as {@code "2048"} or {@code "3072"}. */
    public static SignatureAlgorithm dsa(String bits) {
        return switch (bits) {
            case "2048" -> SignatureAlgorithm.DSA_2048_256;
            case "3072" -> SignatureAlgorithm.DSA_3072_256;
            default -> throw new IllegalArgumentException("DSA size " + bits);
        };
    }

    /** The suite for a bench parameter: a suite name such as {@code "modern"}. */
    public static CipherSuite suiteNamed(String name) {
        CipherSuite s = CipherSuite.bySuiteName(name);
        if (s == null) {
            throw new IllegalArgumentException("suite " + name);
        }
        return s;
    }

    /** A config offering only {@code suite}, with an identity of the suite's paired algorithm. */
    public static SessionConfig config(CipherSuite suite) {
        return config(suite.pairedSignature(), suite);
    }

    /** A config with a fresh copy of the identity of {@code size}, offering only {@code suite}. */
    public static SessionConfig config(SignatureAlgorithm size, CipherSuite suite) {
        return config(size, suite, 0);
    }

    /**
     * A config as {@link #config(SignatureAlgorithm, CipherSuite)} whose handshakes keep {@code
     * precompute} one-time KEM key pairs made ahead (0: none).
     */
    public static SessionConfig config(SignatureAlgorithm size, CipherSuite suite, int precompute) {
        return SessionConfig.builder(identity(size), TrustPolicy.acceptAny())
                .suites(suite)
                .maxMessageBytes(64 * 1024 * 1024)
                .precomputeEphemeralKeys(precompute)
                .build();
    }

    /** The default bench config: DSA-2048/256 and the classic suite (ffdhe2048). */
    public static SessionConfig config() {
        return config(SignatureAlgorithm.DSA_2048_256, CipherSuite.CLASSIC);
    }

    /** A client and a server session that finished a handshake with each other. */
    public record SessionPair(Session client, Session server) {}

    /** Runs a full handshake between two sans-I/O {@link Handshake}s in the calling thread. */
    public static SessionPair handshake(SessionConfig clientConfig, SessionConfig serverConfig) throws MarcomException {
        return handshake(clientConfig, serverConfig, null);
    }

    /**
     * Like {@link #handshake(SessionConfig, SessionConfig)}, adding the bytes of every frame sent
     * to {@code wireBytes} (client to server at index 0, server to client at 1) unless it is null.
     */
    public static SessionPair handshake(SessionConfig clientConfig, SessionConfig serverConfig, long[] wireBytes)
            throws MarcomException {
        Handshake c = Handshake.client(clientConfig);
        Handshake s = Handshake.server(serverConfig);
        HandshakeStep cs = c.start();
        HandshakeStep ss = s.start();
        Session client = null;
        Session server = null;
        for (int guard = 0; guard < 16 && (client == null || server == null); guard++) {
            if (cs instanceof HandshakeStep.Send send) {
                byte[] frame = send.frame();
                if (wireBytes != null) {
                    wireBytes[0] += frame.length;
                }
                cs = c.next();
                ss = s.receive(frame);
            } else if (ss instanceof HandshakeStep.Send send) {
                byte[] frame = send.frame();
                if (wireBytes != null) {
                    wireBytes[1] += frame.length;
                }
                ss = s.next();
                cs = c.receive(frame);
            }
            if (cs instanceof HandshakeStep.Established e) {
                client = e.session();
            }
            if (ss instanceof HandshakeStep.Established e) {
                server = e.session();
            }
        }
        if (client == null || server == null) {
            throw new IllegalStateException("handshake did not complete");
        }
        return new SessionPair(client, server);
    }

    /** Splits concatenated frames (as {@link Session#seal} returns them) into single frames. */
    public static List<byte[]> splitFrames(byte[] frames) {
        List<byte[]> out = new ArrayList<>(2);
        if (frames.length >= Frames.HEADER_BYTES && frames.length == Frames.HEADER_BYTES + bodyLength(frames, 0)) {
            out.add(frames);
            return out;
        }
        int pos = 0;
        while (pos < frames.length) {
            int len = Frames.HEADER_BYTES + bodyLength(frames, pos);
            byte[] f = new byte[len];
            System.arraycopy(frames, pos, f, 0, len);
            out.add(f);
            pos += len;
        }
        return out;
    }

    private static int bodyLength(byte[] b, int off) {
        return ((b[off + 1] & 0xff) << 24)
                | ((b[off + 2] & 0xff) << 16)
                | ((b[off + 3] & 0xff) << 8)
                | (b[off + 4] & 0xff);
    }

    /** A fixed, non-trivial byte pattern of {@code n} bytes (no RNG: reproducible and cheap). */
    public static byte[] pattern(int n) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) (i * 31 + (i >>> 8) * 7 + 0x5a);
        }
        return b;
    }

    /** Fresh secret bytes (benchmark keys come from {@link SecureRandom}, never a seeded RNG). */
    public static byte[] secret(int n) {
        byte[] b = new byte[n];
        new SecureRandom().nextBytes(b);
        return b;
    }
}
