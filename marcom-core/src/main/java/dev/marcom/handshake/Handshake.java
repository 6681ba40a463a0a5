package dev.marcom.handshake;

import dev.marcom.AuthenticationException;
import dev.marcom.Bytes;
import dev.marcom.CipherSuite;
import dev.marcom.Fingerprint;
import dev.marcom.MalformedInputException;
import dev.marcom.MarcomException;
import dev.marcom.NegotiationException;
import dev.marcom.Role;
import dev.marcom.SessionClosedException;
import dev.marcom.SignatureAlgorithm;
import dev.marcom.identity.Identity;
import dev.marcom.identity.PeerIdentity;
import dev.marcom.identity.RefusedByPeerException;
import dev.marcom.identity.UntrustedPeerException;
import dev.marcom.internal.crypto.HmacSha256;
import dev.marcom.internal.crypto.Kdf;
import dev.marcom.internal.crypto.Kem;
import dev.marcom.internal.crypto.KeySchedule;
import dev.marcom.internal.crypto.KeyTransport;
import dev.marcom.internal.crypto.Sha256;
import dev.marcom.internal.crypto.SignatureSchemes;
import dev.marcom.internal.crypto.Suite;
import dev.marcom.internal.trace.Tracer;
import dev.marcom.internal.wire.FrameType;
import dev.marcom.internal.wire.Frames;
import dev.marcom.session.Session;
import dev.marcom.session.SessionConfig;
import dev.marcom.trace.DigestSubject;
import dev.marcom.trace.HandshakeFields;
import dev.marcom.trace.HandshakePhase;
import dev.marcom.trace.KemValue;
import dev.marcom.trace.Phase;
import dev.marcom.trace.SignatureSubject;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import javax.crypto.AEADBadTagException;

/**
 * The sans-I/O MARCOM handshake: a state machine that consumes and produces frames and never
 * touches a socket. Drive it with this loop (the transport adapters do it for you):
 *
 * <pre>{@code
 * HandshakeStep step = handshake.start();
 * while (!(step instanceof HandshakeStep.Established done)) {
 *   if (step instanceof HandshakeStep.Send send) { write(send.frame()); step = handshake.next(); }
 *   else { step = handshake.receive(readFrame()); }
 * }
 * Session session = done.session();
 * }</pre>
 *
 * <h2>Security guarantees</h2>
 * On {@link HandshakeStep.Established} both peers have proved possession of their identity keys
 * (DSA, Ed25519 or ML-DSA-65) by signing the transcript, each accepts the other's signature
 * algorithm, the peer's identity passed the {@link dev.marcom.identity.TrustPolicy}, the server's
 * fresh key-transport key (ElGamal, X25519 or X-Wing) was validated, the client's 256-bit secret
 * was transported under it, and both Finished MACs confirmed the keys. The transcript binds
 * versions, the suite offer and choice, nonces, identities, the KEM key and the ciphertext, so
 * nothing can be swapped, replayed from another session or downgraded. The KEM private key
 * and the secret are dropped and zeroed on completion (forward secrecy).
 *
 * <p>Any failure throws a {@link MarcomException}, erases the handshake's secrets and is terminal.
 * Calls out of order throw {@link IllegalStateException}. Not thread-safe.
 *
 * <h2>Size</h2>
 * About 530 code lines, above the house guideline of ~350: both roles share one transcript, one
 * key schedule, one erasure routine and one state enum, and each step of one role is the mirror of
 * the other's (the server signs what the client verifies); kept together, a reviewer compares the
 * two sides of each check line by line. Primitives sit behind {@code internal.crypto}, tracing
 * behind {@code Tracer}, the messages in their own classes.
 */
public final class Handshake {
    /** The protocol version this implementation speaks. */
    public static final int VERSION_1 = 1;

    private static final byte[] SERVER_CONTEXT = signatureContext("MARCOM v1, server handshake");
    private static final byte[] CLIENT_CONTEXT = signatureContext("MARCOM v1, client handshake");

    private enum State {
        START,
        CLIENT_WAIT_SERVER_HELLO,
        CLIENT_WAIT_FINISHED,
        SERVER_WAIT_CLIENT_HELLO,
        SERVER_SENT_HELLO,
        SERVER_WAIT_CLIENT_AUTH,
        SERVER_SENT_FINISHED,
        CLIENT_SENT_HELLO,
        CLIENT_SENT_AUTH,
        SERVER_SENT_REFUSAL,
        SERVER_SENT_NO_COMMON_SUITE,
        DONE,
        FAILED
    }

    /** The refusal reason for a client identity the server's trust policy did not accept. */
    static final int REFUSAL_IDENTITY_NOT_ACCEPTED = 1;

    /** The refusal reason for a client whose signature algorithm the server does not accept. */
    static final int REFUSAL_SIGNATURE_NOT_ACCEPTED = 2;

    private static final int REFUSAL_BODY_BYTES = 1 + 32;

    private final Role role;
    private final SessionConfig config;
    private final Tracer tracer;
    private final ByteArrayOutputStream transcript = new ByteArrayOutputStream(4096);
    private State state = State.START;

    private byte[] clientNonce;
    private byte[] serverNonce;
    private CipherSuite suite;
    private Kem.KeyPair kemKeys;
    private byte[] secret;
    private byte[] prk;
    private PeerIdentity peer;
    private byte[] kemContextForFinished;
    private MarcomException refusal;

    private Handshake(Role role, SessionConfig config) {
        this.role = role;
        this.config = config;
        this.tracer = Tracer.of(config.trace(), config.revealSecrets());
    }

    /**
     * Creates a handshake for the side that connects.
     *
     * @param config this side's identity, trust policy, suites and random source
     * @return a handshake in its initial state; call {@link #start()} next
     */
    public static Handshake client(SessionConfig config) {
        return new Handshake(Role.CLIENT, config);
    }

    /**
     * Creates a handshake for the side that accepts.
     *
     * @param config this side's identity, trust policy, suites and random source
     * @return a handshake in its initial state; call {@link #start()} next
     */
    public static Handshake server(SessionConfig config) {
        return new Handshake(Role.SERVER, config);
    }

    /**
     * Returns which side of the handshake this is.
     *
     * @return {@link Role#CLIENT} or {@link Role#SERVER}
     */
    public Role role() {
        return role;
    }

    /**
     * Begins: a client returns {@link HandshakeStep.Send} with its ClientHello, a server
     * {@link HandshakeStep.AwaitFrame}.
     *
     * @return the first step
     * @throws IllegalStateException if the handshake was already started
     */
    public HandshakeStep start() {
        requireState(State.START);
        tracer.enter(HandshakePhase.NEGOTIATION);
        if (role == Role.SERVER) {
            state = State.SERVER_WAIT_CLIENT_HELLO;
            return new HandshakeStep.AwaitFrame();
        }
        clientNonce = random(ClientHello.NONCE_BYTES);
        List<Integer> codes = config.suites().stream().map(CipherSuite::code).toList();
        ClientHello hello = new ClientHello(List.of(VERSION_1), codes, clientNonce);
        byte[] frame = hello.encode();
        append(frame);
        tracer.offer(hello.versions(), config.suites());
        tracer.message(true, () -> fields(hello));
        tracer.frame(true, FrameType.CLIENT_HELLO, frame.length);
        state = State.CLIENT_SENT_HELLO;
        return new HandshakeStep.Send(frame);
    }

    /**
     * Continues after the frame of the last {@link HandshakeStep.Send} was written.
     *
     * @return the next step
     * @throws UntrustedPeerException on a server, after it sent the refusal of a client identity
     *     that its trust policy did not accept; the handshake has then failed
     * @throws NegotiationException on a server, after it told the client that no suite is common or
     *     that it does not accept the client's signature algorithm; the handshake has then failed
     * @throws IllegalStateException if no frame was just sent
     */
    public HandshakeStep next() throws UntrustedPeerException, NegotiationException {
        switch (state) {
            case CLIENT_SENT_HELLO -> {
                state = State.CLIENT_WAIT_SERVER_HELLO;
                return new HandshakeStep.AwaitFrame();
            }
            case CLIENT_SENT_AUTH -> {
                state = State.CLIENT_WAIT_FINISHED;
                return new HandshakeStep.AwaitFrame();
            }
            case SERVER_SENT_HELLO -> {
                state = State.SERVER_WAIT_CLIENT_AUTH;
                return new HandshakeStep.AwaitFrame();
            }
            case SERVER_SENT_FINISHED -> {
                return new HandshakeStep.Established(establish());
            }
            case SERVER_SENT_REFUSAL, SERVER_SENT_NO_COMMON_SUITE -> {
                MarcomException e = refusal;
                refusal = null;
                if (e instanceof UntrustedPeerException u) {
                    throw fail(Phase.KEY_EXCHANGE, u);
                }
                throw fail(Phase.KEY_EXCHANGE, (NegotiationException) e);
            }
            default -> throw new IllegalStateException("next() is not valid in state " + state);
        }
    }

    /**
     * Consumes one complete frame from the peer. Any exception but {@link IllegalStateException}
     * makes the handshake fail: its secrets are erased and later calls are refused.
     *
     * @param frame one complete frame, header included, as read from the transport
     * @return the next step: {@link HandshakeStep.Send} or {@link HandshakeStep.Established}
     * @throws MalformedInputException if the frame does not parse or is not the expected message
     * @throws AuthenticationException if a signature or Finished MAC fails or the key transport
     *     does not authenticate
     * @throws dev.marcom.identity.UntrustedPeerException if the trust policy refuses the peer
     * @throws NegotiationException if no common version or suite exists
     * @throws RefusedByPeerException on a client, if the server authenticated this side and then
     *     refused its identity
     * @throws SessionClosedException if the handshake already failed
     * @throws IllegalStateException if no frame is awaited
     */
    public HandshakeStep receive(byte[] frame) throws MarcomException {
        if (state == State.FAILED) {
            throw new SessionClosedException("handshake already failed");
        }
        State expected = switch (state) {
            case SERVER_WAIT_CLIENT_HELLO, CLIENT_WAIT_SERVER_HELLO, SERVER_WAIT_CLIENT_AUTH, CLIENT_WAIT_FINISHED ->
                state;
            default -> throw new IllegalStateException("receive() is not valid in state " + state);
        };
        try {
            FrameType type = Frames.check(frame);
            tracer.frame(false, type, frame.length);
            return switch (expected) {
                case SERVER_WAIT_CLIENT_HELLO -> onClientHello(expect(type, FrameType.CLIENT_HELLO, frame));
                case CLIENT_WAIT_SERVER_HELLO ->
                    type == FrameType.NO_COMMON_SUITE
                            ? onNoCommonSuite(frame)
                            : onServerHello(expect(type, FrameType.SERVER_HELLO, frame));
                case SERVER_WAIT_CLIENT_AUTH -> onClientAuth(expect(type, FrameType.CLIENT_AUTH, frame));
                default ->
                    type == FrameType.REFUSAL
                            ? onRefusal(frame)
                            : onServerFinished(expect(type, FrameType.SERVER_FINISHED, frame));
            };
        } catch (MarcomException | RuntimeException e) {
            fail(Tracer.primitiveOf(e), e); // does nothing if the failing step already failed
            throw e;
        }
    }

    private static byte[] expect(FrameType got, FrameType want, byte[] frame) throws MalformedInputException {
        if (got != want) {
            throw new MalformedInputException("expected " + want + ", got " + got);
        }
        return frame;
    }

    // ---- server side -----------------------------------------------------------------------

    private HandshakeStep onClientHello(byte[] frame) throws MarcomException {
        ClientHello hello = ClientHello.parse(frame);
        append(frame);
        clientNonce = hello.nonce();
        tracer.message(false, () -> fields(hello));
        if (!hello.versions().contains(VERSION_1)) {
            throw new NegotiationException("client offers no supported version " + hello.versions());
        }
        suite = choose(hello.suites());
        if (suite == null) {
            return noCommonSuite(hello.suites());
        }
        tracer.negotiated(VERSION_1, suite);
        tracer.enter(HandshakePhase.KEY_TRANSPORT);
        serverNonce = random(ClientHello.NONCE_BYTES);
        Kem kem = kem();
        kemKeys = EphemeralKeys.of(config).take(kem);
        tracer.kemKeyGenerated(kem, kemKeys);
        tracer.enter(HandshakePhase.AUTHENTICATION);
        byte[] identity =
                config.identity().publicIdentity().subjectPublicKeyInfo().toByteArray();
        ServerHello unsigned =
                new ServerHello(VERSION_1, suite.code(), serverNonce, kemKeys.publicKey(), identity, new byte[0]);
        byte[] signature = signTranscript(SignatureSubject.SERVER_HANDSHAKE, unsigned.unsignedPrefix());
        ServerHello hello2 =
                new ServerHello(VERSION_1, suite.code(), serverNonce, kemKeys.publicKey(), identity, signature);
        byte[] out = hello2.encode();
        append(out);
        tracer.message(true, () -> fields(hello2));
        tracer.frame(true, FrameType.SERVER_HELLO, out.length);
        state = State.SERVER_SENT_HELLO;
        return new HandshakeStep.Send(out);
    }

    private HandshakeStep onClientAuth(byte[] frame) throws MarcomException {
        ClientAuth auth = ClientAuth.parse(frame);
        tracer.message(false, () -> fields(auth));
        PeerIdentity client = authenticatePeer(
                SignatureSubject.CLIENT_HANDSHAKE, auth.identity(), auth.prefixBeforeSignature(), auth.signature());
        tracer.enter(HandshakePhase.KEY_TRANSPORT);
        byte[] kemContext = sha256(transcript.toByteArray());
        Kem kem = kem();
        try {
            Kem.CheckedCiphertext c1 = kem.checkCiphertext(auth.c1());
            tracer.kemValueValidated(kem, KemValue.C1, auth.c1());
            secret = KeyTransport.open(kem, kemKeys, c1, auth.c2(), kemContext);
        } catch (IllegalArgumentException e) {
            throw invalid(kem, "ciphertext", e);
        } catch (AEADBadTagException e) {
            throw fail(
                    Tracer.phaseOf(kem),
                    new AuthenticationException(kem.family() + " key transport did not authenticate"));
        }
        tracer.kemEncapsulation(kem, false, auth.c1(), auth.c2(), secret);
        deriveHandshakeKeys();
        tracer.enter(HandshakePhase.KEY_CONFIRMATION);
        byte[] finishedKey = KeySchedule.expand(kdf(), prk, KeySchedule.C_FINISHED, kemContext, 32);
        byte[] expectedFinished = HmacSha256.mac(finishedKey, transcriptHash(auth.prefixBeforeFinished()));
        Arrays.fill(finishedKey, (byte) 0);
        if (!HmacSha256.equal(expectedFinished, auth.finished())) {
            throw fail(Phase.KEY_EXCHANGE, new AuthenticationException("client Finished MAC did not verify"));
        }
        tracer.finishedMac(false, Role.CLIENT, auth.finished());
        append(frame);
        tracer.enter(HandshakePhase.AUTHENTICATION);
        if (!config.signatureAlgorithms().contains(client.algorithm())) {
            return refuse(
                    kemContext,
                    REFUSAL_SIGNATURE_NOT_ACCEPTED,
                    client.fingerprint(),
                    new NegotiationException(
                            "the client signs with " + client.algorithm().displayName() + "; this side accepts "
                                    + names(config.signatureAlgorithms())));
        }
        try {
            config.trustPolicy().check(client);
        } catch (UntrustedPeerException e) {
            return refuse(kemContext, REFUSAL_IDENTITY_NOT_ACCEPTED, e.peer().fingerprint(), e);
        }
        peer = client;
        tracer.peerTrusted(Role.CLIENT, client.fingerprint());
        tracer.enter(HandshakePhase.KEY_CONFIRMATION);
        byte[] serverFinishedKey = KeySchedule.expand(kdf(), prk, KeySchedule.S_FINISHED, kemContext, 32);
        byte[] mac = HmacSha256.mac(serverFinishedKey, sha256(transcript.toByteArray()));
        Arrays.fill(serverFinishedKey, (byte) 0);
        byte[] out = Frames.frame(FrameType.SERVER_FINISHED, mac);
        append(out);
        tracer.finishedMac(true, Role.SERVER, mac);
        tracer.message(true, () -> new HandshakeFields.ServerFinished(Bytes.of(mac)));
        tracer.frame(true, FrameType.SERVER_FINISHED, out.length);
        state = State.SERVER_SENT_FINISHED;
        return new HandshakeStep.Send(out);
    }

    /**
     * Tells a client whose identity the trust policy refused that it was refused, authenticated with
     * the server's Finished key over the whole transcript. Only sent after the client proved its key
     * (signature) and the key exchange (Finished), so it tells nobody more than that their own,
     * proven identity is not accepted.
     */
    private HandshakeStep refuse(byte[] kemContext, int reason, Fingerprint refused, MarcomException e) {
        byte[] prefix = refusalPrefix(reason);
        byte[] key = KeySchedule.expand(kdf(), prk, KeySchedule.S_FINISHED, kemContext, 32);
        byte[] mac = HmacSha256.mac(key, transcriptHash(prefix));
        Arrays.fill(key, (byte) 0);
        byte[] out = Arrays.copyOf(prefix, prefix.length + mac.length);
        System.arraycopy(mac, 0, out, prefix.length, mac.length);
        erase();
        tracer.message(true, () -> new HandshakeFields.Refusal(reason, refused, Bytes.of(mac)));
        tracer.frame(true, FrameType.REFUSAL, out.length);
        refusal = e;
        state = State.SERVER_SENT_REFUSAL;
        return new HandshakeStep.Send(out);
    }

    /**
     * The server's choice among the suites the client offers (docs/PROTOCOL.md §4.3): the first of
     * this side's preference list that the client offers. The default list puts the suite paired
     * with this side's identity first ({@link SessionConfig#suites()}).
     *
     * @return the suite, or null if none is common
     */
    private CipherSuite choose(List<Integer> offered) {
        for (CipherSuite s : config.suites()) {
            if (offered.contains(s.code())) {
                return s;
            }
        }
        return null;
    }

    /**
     * Tells the client that no suite is common, listing this side's suites so its error can name
     * both sides' (docs/PROTOCOL.md §4.3). Unauthenticated, like TLS's handshake_failure alert: an
     * attacker who can forge it can as well drop the connection.
     */
    private HandshakeStep noCommonSuite(List<Integer> offered) {
        List<Integer> ours = config.suites().stream().map(CipherSuite::code).toList();
        byte[] out = NoCommonSuite.encode(ours);
        tracer.message(true, () -> new HandshakeFields.NoCommonSuite(ours));
        tracer.frame(true, FrameType.NO_COMMON_SUITE, out.length);
        refusal = new NegotiationException(
                "no common cipher suite: the client offers " + names(offered) + ", this side supports " + names(ours));
        state = State.SERVER_SENT_NO_COMMON_SUITE;
        return new HandshakeStep.Send(out);
    }

    /** The server found no common suite: report both sides' lists. */
    private HandshakeStep onNoCommonSuite(byte[] frame) throws MarcomException {
        List<Integer> theirs = NoCommonSuite.parse(frame);
        tracer.message(false, () -> new HandshakeFields.NoCommonSuite(theirs));
        List<Integer> ours = config.suites().stream().map(CipherSuite::code).toList();
        throw new NegotiationException(
                "no common cipher suite: this side offers " + names(ours) + ", the server supports " + names(theirs));
    }

    /** The refusal frame up to its MAC: header ‖ reason. */
    private static byte[] refusalPrefix(int reason) {
        byte[] prefix = new byte[Frames.HEADER_BYTES + 1];
        Frames.writeHeader(FrameType.REFUSAL, REFUSAL_BODY_BYTES, prefix, 0);
        prefix[Frames.HEADER_BYTES] = (byte) reason;
        return prefix;
    }

    // ---- client side -----------------------------------------------------------------------

    private HandshakeStep onServerHello(byte[] frame) throws MarcomException {
        ServerHello hello = ServerHello.parse(frame);
        tracer.message(false, () -> fields(hello));
        if (hello.version() != VERSION_1) {
            throw new NegotiationException("server chose version " + hello.version() + ", which was not offered");
        }
        CipherSuite chosen = CipherSuite.of(hello.suite());
        if (chosen == null || !config.suites().contains(chosen)) {
            throw new NegotiationException(
                    "server chose suite 0x" + Integer.toHexString(hello.suite()) + ", which was not offered");
        }
        suite = chosen;
        serverNonce = hello.nonce();
        tracer.negotiated(VERSION_1, suite);
        PeerIdentity server = authenticatePeer(
                SignatureSubject.SERVER_HANDSHAKE, hello.identity(), hello.unsignedPrefix(), hello.signature());
        if (!config.signatureAlgorithms().contains(server.algorithm())) {
            throw new NegotiationException("the server signs with "
                    + server.algorithm().displayName() + "; this side accepts " + names(config.signatureAlgorithms()));
        }
        tracer.enter(HandshakePhase.KEY_TRANSPORT);
        byte[] y = hello.kemPublicKey();
        Kem kem = kem();
        Kem.CheckedPublicKey checkedY;
        try {
            checkedY = kem.checkPublicKey(y);
        } catch (IllegalArgumentException e) {
            throw invalid(kem, "public key", e);
        }
        tracer.kemValueValidated(kem, KemValue.PUBLIC_KEY, y);
        tracer.enter(HandshakePhase.AUTHENTICATION);
        config.trustPolicy().check(server);
        peer = server;
        tracer.peerTrusted(Role.SERVER, server.fingerprint());
        append(frame);

        tracer.enter(HandshakePhase.KEY_TRANSPORT);
        byte[] kemContext = sha256(transcript.toByteArray());
        secret = random(KeyTransport.SECRET_BYTES);
        KeyTransport.Ciphertext enc;
        try {
            enc = KeyTransport.seal(kem, checkedY, secret, kemContext, EphemeralKeys.of(config), config.random());
        } catch (IllegalArgumentException e) {
            throw invalid(kem, "public key", e);
        }
        tracer.kemEncapsulation(kem, true, enc.c1(), enc.c2(), secret);
        deriveHandshakeKeys();
        tracer.enter(HandshakePhase.AUTHENTICATION);
        byte[] identity =
                config.identity().publicIdentity().subjectPublicKeyInfo().toByteArray();
        ClientAuth partial = new ClientAuth(enc.c1(), enc.c2(), identity, new byte[0], new byte[0]);
        byte[] signature = signTranscript(SignatureSubject.CLIENT_HANDSHAKE, partial.prefixBeforeSignature());
        tracer.enter(HandshakePhase.KEY_CONFIRMATION);
        ClientAuth signed = new ClientAuth(enc.c1(), enc.c2(), identity, signature, new byte[0]);
        byte[] finishedKey = KeySchedule.expand(kdf(), prk, KeySchedule.C_FINISHED, kemContext, 32);
        byte[] finished = HmacSha256.mac(finishedKey, transcriptHash(signed.prefixBeforeFinished()));
        Arrays.fill(finishedKey, (byte) 0);
        tracer.finishedMac(true, Role.CLIENT, finished);
        ClientAuth sent = new ClientAuth(enc.c1(), enc.c2(), identity, signature, finished);
        byte[] out = sent.encode();
        append(out);
        tracer.message(true, () -> fields(sent));
        tracer.frame(true, FrameType.CLIENT_AUTH, out.length);
        kemContextForFinished = kemContext;
        state = State.CLIENT_SENT_AUTH;
        return new HandshakeStep.Send(out);
    }

    /** The server refused our identity: authenticate the refusal, then report it. */
    private HandshakeStep onRefusal(byte[] frame) throws MarcomException {
        if (frame.length != Frames.HEADER_BYTES + REFUSAL_BODY_BYTES) {
            throw new MalformedInputException("a refusal must carry a reason and a 32-byte MAC");
        }
        int reason = frame[Frames.HEADER_BYTES] & 0xff;
        byte[] mac = Arrays.copyOfRange(frame, Frames.HEADER_BYTES + 1, frame.length);
        tracer.message(
                false,
                () -> new HandshakeFields.Refusal(reason, config.identity().fingerprint(), Bytes.of(mac)));
        byte[] key = KeySchedule.expand(kdf(), prk, KeySchedule.S_FINISHED, kemContextForFinished, 32);
        byte[] expected = HmacSha256.mac(key, transcriptHash(refusalPrefix(reason)));
        Arrays.fill(key, (byte) 0);
        if (!HmacSha256.equal(expected, mac)) {
            throw fail(Phase.KEY_EXCHANGE, new AuthenticationException("server refusal MAC did not verify"));
        }
        if (reason == REFUSAL_SIGNATURE_NOT_ACCEPTED) {
            throw fail(
                    Phase.KEY_EXCHANGE,
                    new NegotiationException("the server does not accept this side's "
                            + config.identity().algorithm().displayName() + " signatures"));
        }
        throw new RefusedByPeerException(config.identity().fingerprint(), peer.fingerprint());
    }

    private HandshakeStep onServerFinished(byte[] frame) throws MarcomException {
        byte[] mac = Arrays.copyOfRange(frame, Frames.HEADER_BYTES, frame.length);
        if (mac.length != 32) {
            throw new MalformedInputException("ServerFinished must carry a 32-byte MAC");
        }
        tracer.message(false, () -> new HandshakeFields.ServerFinished(Bytes.of(mac)));
        byte[] key = KeySchedule.expand(kdf(), prk, KeySchedule.S_FINISHED, kemContextForFinished, 32);
        byte[] expected = HmacSha256.mac(key, sha256(transcript.toByteArray()));
        Arrays.fill(key, (byte) 0);
        if (!HmacSha256.equal(expected, mac)) {
            throw fail(Phase.KEY_EXCHANGE, new AuthenticationException("server Finished MAC did not verify"));
        }
        tracer.finishedMac(false, Role.SERVER, mac);
        append(frame);
        return new HandshakeStep.Established(establish());
    }

    // ---- key schedule ----------------------------------------------------------------------

    /** PRK = HKDF-Extract(salt = client nonce ‖ server nonce, ikm = transported secret). */
    private void deriveHandshakeKeys() {
        prk = kdf().extract(concat(clientNonce, serverNonce), secret);
    }

    /**
     * Derives the traffic secrets and hands them to the session, whose record layer derives the
     * keys and IVs from them and reports them (KeysDerived) to the trace.
     */
    private Session establish() {
        tracer.enter(HandshakePhase.KEY_DERIVATION);
        byte[] sessionId = sha256(transcript.toByteArray());
        tracer.digest(DigestSubject.SESSION_ID, 0, transcript.size(), sessionId);
        byte[] c2s = KeySchedule.expand(kdf(), prk, KeySchedule.C_TRAFFIC, sessionId, 32);
        byte[] s2c = KeySchedule.expand(kdf(), prk, KeySchedule.S_TRAFFIC, sessionId, 32);
        erase();
        state = State.DONE;
        Session session = SessionOpening.open(
                role, suite, sessionId, peer, role == Role.CLIENT ? c2s : s2c, role == Role.CLIENT ? s2c : c2s, config);
        tracer.endPhase();
        tracer.handshakeCompleted(role, sessionId, suite, peer.fingerprint());
        return session;
    }

    /**
     * Decodes a peer's identity key; one that is not a valid key of its algorithm is a failure of
     * that algorithm's phase (of DSA's when the algorithm cannot even be told).
     */
    private PeerIdentity identity(byte[] subjectPublicKeyInfo) throws MalformedInputException {
        try {
            return config.peerIdentities().identity(subjectPublicKeyInfo);
        } catch (MalformedInputException e) {
            Phase phase = Phase.DSA;
            try {
                phase = Phase.of(SignatureSchemes.forSubjectPublicKeyInfo(subjectPublicKeyInfo)
                        .algorithm());
            } catch (MalformedInputException unknown) {
                // not even the algorithm parses: blame the default identity algorithm's phase
            }
            throw fail(phase, e);
        }
    }

    /**
     * The authentication step both sides take on the peer's signed message: decodes the peer's
     * identity, hashes the transcript up to the signature ({@code prefix} is the message's body
     * before it) and verifies the signature over that hash. Whether the identity is trusted is
     * decided later, once the key transport checked out too.
     */
    private PeerIdentity authenticatePeer(SignatureSubject subject, byte[] spki, byte[] prefix, byte[] signature)
            throws MarcomException {
        tracer.enter(HandshakePhase.AUTHENTICATION);
        PeerIdentity signer = identity(spki);
        byte[] signedHash = transcriptHash(prefix);
        DigestSubject digest = subject == SignatureSubject.SERVER_HANDSHAKE
                ? DigestSubject.SERVER_HANDSHAKE
                : DigestSubject.CLIENT_HANDSHAKE;
        tracer.digest(digest, 0, transcript.size() + prefix.length, signedHash);
        verify(subject, signer, signedHash, signature);
        return signer;
    }

    /** Verifies the peer's handshake signature over {@code hash}; a failure is its algorithm's. */
    private void verify(SignatureSubject subject, PeerIdentity signer, byte[] hash, byte[] signature)
            throws AuthenticationException {
        boolean server = subject == SignatureSubject.SERVER_HANDSHAKE;
        try {
            SignatureSchemes.of(signer.algorithm())
                    .verify(
                            signer.publicKey(),
                            concat(server ? SERVER_CONTEXT : CLIENT_CONTEXT, hash),
                            signature,
                            server
                                    ? "server handshake signature did not verify"
                                    : "client handshake signature did not verify");
        } catch (AuthenticationException e) {
            throw fail(Phase.of(signer.algorithm()), e);
        }
        tracer.signatureVerified(subject, 0, signer.fingerprint(), signer.algorithm(), signature);
    }

    /** The key-encapsulation mechanism of the negotiated suite. */
    private Kem kem() {
        return Suite.of(suite).kem();
    }

    /** The key derivation of the negotiated suite. */
    private Kdf kdf() {
        return Suite.of(suite).kdf();
    }

    /**
     * The signing step both sides take, the mirror of {@link #authenticatePeer}: hashes the
     * transcript up to the signature ({@code prefix} is this side's message body before it) and
     * signs its context label and that hash with this side's identity.
     */
    private byte[] signTranscript(SignatureSubject subject, byte[] prefix) {
        boolean server = subject == SignatureSubject.SERVER_HANDSHAKE;
        byte[] toSign = transcriptHash(prefix);
        tracer.digest(
                server ? DigestSubject.SERVER_HANDSHAKE : DigestSubject.CLIENT_HANDSHAKE,
                0,
                transcript.size() + prefix.length,
                toSign);
        Identity self = config.identity();
        byte[] signature = SignatureSchemes.of(self.algorithm())
                .sign(self.privateKey(), concat(server ? SERVER_CONTEXT : CLIENT_CONTEXT, toSign));
        tracer.signatureCreated(subject, 0, self.fingerprint(), self.algorithm(), signature);
        return signature;
    }

    /** A key-transport value that failed its mechanism's checks: a failure of that mechanism. */
    private MalformedInputException invalid(Kem kem, String what, IllegalArgumentException e) {
        return fail(
                Tracer.phaseOf(kem),
                new MalformedInputException("invalid " + kem.family() + " " + what + ": " + e.getMessage(), e));
    }

    /** The public fields of a ClientHello, for the trace. */
    private static HandshakeFields fields(ClientHello m) {
        return new HandshakeFields.ClientHello(m.versions(), m.suites(), Bytes.of(m.nonce()));
    }

    /** The public fields of a ServerHello, for the trace. */
    private static HandshakeFields fields(ServerHello m) {
        return new HandshakeFields.ServerHello(
                m.version(),
                m.suite(),
                Bytes.of(m.nonce()),
                Bytes.of(m.kemPublicKey()),
                Fingerprint.of(m.identity()),
                Bytes.of(m.signature()));
    }

    /** The public fields of a ClientAuth, for the trace. */
    private static HandshakeFields fields(ClientAuth m) {
        return new HandshakeFields.ClientAuth(
                Bytes.of(m.c1()),
                Bytes.of(m.c2()),
                Fingerprint.of(m.identity()),
                Bytes.of(m.signature()),
                Bytes.of(m.finished()));
    }

    // ---- helpers ---------------------------------------------------------------------------

    private byte[] transcriptHash(byte[] suffix) {
        return Sha256.hash(transcript.toByteArray(), suffix);
    }

    private static byte[] sha256(byte[] data) {
        return Sha256.hash(data);
    }

    private void append(byte[] frame) {
        transcript.write(frame, 0, frame.length);
    }

    private byte[] random(int n) {
        byte[] b = new byte[n];
        config.random().nextBytes(b);
        return b;
    }

    private void requireState(State s) {
        if (state != s) {
            throw new IllegalStateException("expected state " + s + " but was " + state);
        }
    }

    /**
     * Makes the handshake fail, unless it already has: erases its secrets and traces the failure
     * in {@code what}, the primitive or layer whose check failed.
     *
     * @return {@code e}, to throw
     */
    private <E extends Exception> E fail(Phase what, E e) {
        if (state != State.FAILED) {
            state = State.FAILED;
            erase();
            tracer.failure(what, e.getMessage());
        }
        return e;
    }

    /**
     * Abandons the handshake, for example when the transport failed or a timeout expired: erases
     * its secrets (the transported secret and the PRK are zeroed, the KEM private key is
     * destroyed), traces a failure and makes the handshake terminal: later calls throw
     * {@link SessionClosedException}. Does nothing once the handshake has completed (the session
     * owns the keys then) or failed (it has already erased them). Idempotent.
     *
     * @param reason why, for the trace
     */
    public void abort(String reason) {
        if (state == State.DONE || state == State.FAILED) {
            return;
        }
        fail(Phase.NETWORK, new SessionClosedException("handshake abandoned: " + reason));
    }

    /** Whether secret material is still held (for tests of the erasure paths). */
    boolean holdsSecrets() {
        return secret != null || prk != null || kemKeys != null;
    }

    private void erase() {
        if (secret != null) {
            Arrays.fill(secret, (byte) 0);
        }
        if (prk != null) {
            Arrays.fill(prk, (byte) 0);
        }
        // An X25519 scalar is zeroed; an ElGamal BigInteger or BouncyCastle's X-Wing key cannot be,
        // and dropping the only reference is what Java allows. The key pair is never exposed.
        if (kemKeys != null) {
            kemKeys.destroy();
        }
        kemKeys = null;
        secret = null;
        prk = null;
    }

    /** Suite codes as people read them: {@code [modern, pq, 0x0999]}. */
    private static String names(List<Integer> codes) {
        List<String> out = new ArrayList<>();
        for (int c : codes) {
            CipherSuite s = CipherSuite.of(c);
            out.add(s != null ? s.suiteName() : String.format("0x%04x", c));
        }
        return out.toString();
    }

    /** Signature algorithms as people read them. */
    private static String names(Set<SignatureAlgorithm> algorithms) {
        return algorithms.stream().map(SignatureAlgorithm::displayName).toList().toString();
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    private static byte[] signatureContext(String label) {
        byte[] l = label.getBytes(StandardCharsets.US_ASCII);
        byte[] out = new byte[64 + l.length + 1];
        Arrays.fill(out, 0, 64, (byte) 0x20);
        System.arraycopy(l, 0, out, 64, l.length);
        return out;
    }
}
