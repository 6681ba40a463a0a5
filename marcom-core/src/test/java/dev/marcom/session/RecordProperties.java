package dev.marcom.session;

import static dev.marcom.testing.Fixtures.typedFailure;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.marcom.AuthenticationException;
import dev.marcom.CipherSuite;
import dev.marcom.Direction;
import dev.marcom.MalformedInputException;
import dev.marcom.MarcomException;
import dev.marcom.Role;
import dev.marcom.SessionClosedException;
import dev.marcom.SignatureAlgorithm;
import dev.marcom.identity.Identity;
import dev.marcom.internal.crypto.Sha256;
import dev.marcom.internal.crypto.SignatureSchemes;
import dev.marcom.internal.record.RecordType;
import dev.marcom.internal.session.MessageSignatures;
import dev.marcom.internal.wire.FrameType;
import dev.marcom.internal.wire.Frames;
import dev.marcom.internal.wire.Preface;
import dev.marcom.testing.Choices;
import dev.marcom.testing.Fixtures;
import dev.marcom.testing.ForgedRecords;
import dev.marcom.testing.Pipe;
import dev.marcom.transport.StreamFrameChannel;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Properties of the record layer ({@link Session#seal} / {@link Session#open}), each written once
 * against {@link Choices} so that {@code SessionFuzzTest} (Jazzer) and {@code
 * SessionPropertiesTest} (seeded cases) check the same thing.
 */
final class RecordProperties {
    private static final int[] RECORD_SIZES = {256, 257, 300, 1000, 4096, 16384, 65536};
    private static final long[] KEY_UPDATES = {1, 2, 3, 7, SessionConfig.DEFAULT_KEY_UPDATE_RECORDS};
    /**
     * Largest record frame the sender of {@code s} may produce: a final record carries the whole
     * signature prefix (u64 + u16 + signature) even when that alone exceeds the content size, as an
     * ML-DSA-65 signature (3,309 bytes) does.
     */
    private static int maxFrame(Scenario s) {
        SignatureAlgorithm sender = s.clientSends() ? s.clientAlgorithm() : s.serverAlgorithm();
        int finalPrefix = 8 + 2 + SignatureSchemes.of(sender).maxSignatureBytes();
        return Frames.HEADER_BYTES + 1 + Math.max(s.recordContentBytes(), finalPrefix) + 16;
    }

    private RecordProperties() {}

    /**
     * What to send: the suite and the two sides' signature algorithms (often mixed), sender-side
     * settings, a direction and payloads.
     */
    record Scenario(
            long seed,
            CipherSuite suite,
            SignatureAlgorithm clientAlgorithm,
            SignatureAlgorithm serverAlgorithm,
            int recordContentBytes,
            long keyUpdateAfterRecords,
            boolean clientSends,
            List<byte[]> payloads) {

        SessionConfig clientConfig() {
            return Fixtures.client(seed, clientAlgorithm)
                    .suites(suite)
                    .recordContentBytes(recordContentBytes)
                    .keyUpdateAfterRecords(keyUpdateAfterRecords)
                    .build();
        }

        SessionConfig serverConfig() {
            return Fixtures.server(seed, serverAlgorithm)
                    .suites(suite)
                    .recordContentBytes(recordContentBytes)
                    .keyUpdateAfterRecords(keyUpdateAfterRecords)
                    .build();
        }

        /** A fresh pair: a real handshake, or sessions built straight from seed-derived secrets. */
        Fixtures.Link link(boolean handshake) throws MarcomException {
            Pipe.Result pair = handshake
                    ? Pipe.handshake(clientConfig(), serverConfig())
                    : Fixtures.directPair(clientConfig(), serverConfig(), seed, suite);
            assertThat(pair.client().suite()).isEqualTo(suite);
            return Fixtures.link(pair, clientSends);
        }

        @Override
        public String toString() {
            return "Scenario[seed=" + seed + ", suite=" + suite.suiteName() + ", signers="
                    + clientAlgorithm.shortName() + "/" + serverAlgorithm.shortName()
                    + ", recordContentBytes=" + recordContentBytes
                    + ", keyUpdateAfterRecords=" + keyUpdateAfterRecords + ", clientSends=" + clientSends
                    + ", sizes=" + payloads.stream().map(p -> p.length).toList() + "]";
        }
    }

    static Scenario scenario(Choices c, int maxMessages, int maxSize) {
        long seed = c.seed();
        CipherSuite suite = c.pick(CipherSuite.values());
        SignatureAlgorithm clientAlgorithm = signer(c, suite);
        SignatureAlgorithm serverAlgorithm = signer(c, suite);
        int recordBytes = c.percent(70)
                ? RECORD_SIZES[c.intIn(0, RECORD_SIZES.length - 1)]
                : c.intIn(256, Frames.MAX_RECORD_CONTENT);
        long keyUpdate = c.percent(70) ? KEY_UPDATES[c.intIn(0, KEY_UPDATES.length - 1)] : c.longIn(1, 50);
        boolean clientSends = c.bool();
        int n = c.intIn(1, maxMessages);
        List<byte[]> payloads = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int bucket = c.intIn(0, 9);
            int cap = bucket < 4 ? 300 : bucket < 7 ? 5_000 : bucket < 9 ? 70_000 : 200_000;
            int size = c.intIn(0, Math.min(cap, maxSize));
            payloads.add(size <= 64 ? c.bytes(size) : Choices.filler(c.seed(), size));
        }
        return new Scenario(
                seed,
                suite,
                clientAlgorithm,
                serverAlgorithm,
                recordBytes,
                keyUpdate,
                clientSends,
                List.copyOf(payloads));
    }

    /** A signer's algorithm: mostly the one paired with {@code suite}, otherwise any. */
    static SignatureAlgorithm signer(Choices c, CipherSuite suite) {
        return c.percent(60) ? suite.pairedSignature() : c.pick(SignatureAlgorithm.values());
    }

    /** Sealed records, one frame each, and for every message the index of its last frame. */
    record Wire(List<byte[]> frames, List<Integer> ends) {
        int total() {
            return frames.stream().mapToInt(f -> f.length).sum();
        }
    }

    static Wire seal(Session sender, Scenario s) throws SessionClosedException {
        List<byte[]> frames = new ArrayList<>();
        List<Integer> ends = new ArrayList<>();
        for (byte[] p : s.payloads()) {
            List<byte[]> fs = Fixtures.split(sender.seal(p));
            for (byte[] f : fs) {
                assertThat(f.length).as("record frame size").isLessThanOrEqualTo(maxFrame(s));
            }
            frames.addAll(fs);
            ends.add(frames.size() - 1);
        }
        return new Wire(frames, ends);
    }

    private static void assertMessage(Inbound in, Session sender, Session receiver, byte[] payload, long seq)
            throws AuthenticationException {
        assertThat(in).isInstanceOf(Inbound.Message.class);
        VerifiedMessage m = ((Inbound.Message) in).message();
        assertThat(m.plaintext()).as("plaintext of message #" + seq).isEqualTo(payload);
        assertThat(m.length()).isEqualTo(payload.length);
        assertThat(m.sequence()).isEqualTo(seq);
        assertThat(m.direction()).isEqualTo(sender.role().sendDirection());
        assertThat(m.signer()).isEqualTo(sender.localIdentity());
        assertThat(m.sessionId()).isEqualTo(receiver.sessionId());
        assertThat(m.sha256().toByteArray()).isEqualTo(Sha256.hash(payload));
        OfflineVerifier.verify(m);
    }

    private static Inbound open(Session receiver, byte[] frame, String what) {
        Inbound[] got = new Inbound[1];
        MarcomException e = typedFailure(() -> got[0] = receiver.open(frame));
        if (e != null) {
            throw new AssertionError("genuine " + what + " was refused: " + e, e);
        }
        return got[0];
    }

    // ---- property 2: round trip ------------------------------------------------------------

    /**
     * Everything sealed opens to exactly the payloads, in order, numbered 1, 2, 3…, each passing
     * {@link OfflineVerifier#verify}; every record but a message's last yields Pending; close_notify ends
     * the session cleanly; the other direction keeps working independently.
     */
    static void roundTrip(Choices c, boolean handshake, int maxSize) throws Exception {
        Scenario s = scenario(c, 5, maxSize);
        Fixtures.Link l = s.link(handshake);
        Session sender = l.sender();
        Session receiver = l.receiver();
        long seq = 1;
        for (byte[] payload : s.payloads()) {
            List<byte[]> frames = Fixtures.split(sender.seal(payload));
            for (int i = 0; i < frames.size(); i++) {
                byte[] f = frames.get(i);
                assertThat(f.length).isLessThanOrEqualTo(maxFrame(s));
                Inbound in = open(receiver, f, "record " + i + " of message #" + seq + " in " + s);
                if (i < frames.size() - 1) {
                    assertThat(in).as("record %d of %d", i, frames.size()).isInstanceOf(Inbound.Pending.class);
                } else {
                    assertMessage(in, sender, receiver, payload, seq++);
                }
            }
            // Records needed for the content alone, whatever the signature's length.
            assertThat(frames.size())
                    .isGreaterThanOrEqualTo((payload.length + s.recordContentBytes() - 1) / s.recordContentBytes());
        }
        // The reverse direction is independent of what happened in this one.
        byte[] back = Choices.filler(s.seed(), 100);
        List<byte[]> backFrames = Fixtures.split(receiver.seal(back));
        Inbound last = null;
        for (byte[] f : backFrames) {
            last = open(sender, f, "reverse direction");
        }
        assertMessage(last, receiver, sender, back, 1);
        assertThat(open(receiver, sender.close(), "close_notify")).isInstanceOf(Inbound.Closed.class);
        assertThat(receiver.isPeerClosed()).isTrue();
        assertThat(typedFailure(() -> receiver.open(new byte[0]))).isInstanceOf(SessionClosedException.class);
        assertThat(typedFailure(() -> sender.seal(new byte[1]))).isInstanceOf(SessionClosedException.class);
    }

    // ---- properties 3 and 4: tampering, replay, reorder, drop ------------------------------

    enum Attack {
        FLIP,
        REPLAY,
        REORDER,
        DROP,
        FOREIGN,
        REFLECT,
        TRUNCATE,
        RESIZE
    }

    /**
     * Seals a scenario once, then mounts {@code attacks} attacks, each on a fresh receiver: the
     * frames before the attack point deliver exactly their messages, the attacked frame throws a
     * {@link MarcomException} and delivers nothing, and the session is dead afterwards.
     */
    static void tamper(Choices c, int attacks, boolean onlyFlips) throws Exception {
        Scenario s = scenario(c, 4, 20_000);
        Fixtures.Link first = s.link(false);
        Wire w = seal(first.sender(), s);
        List<byte[]> genuine = new ArrayList<>(w.frames());
        boolean withClose = c.bool();
        if (withClose) {
            genuine.add(first.sender().close());
        }
        int n = genuine.size();
        for (int a = 0; a < attacks; a++) {
            Fixtures.Link l = s.link(false); // same seed: same keys, so the recorded frames are valid
            Attack attack = onlyFlips ? Attack.FLIP : c.pick(Attack.values());
            if (n < 2 && (attack == Attack.REORDER || attack == Attack.DROP)) {
                attack = Attack.FLIP;
            }
            List<byte[]> wire = new ArrayList<>(genuine);
            int p;
            boolean headerIntact = true;
            String detail;
            switch (attack) {
                case FLIP -> {
                    p = c.intIn(0, n - 1);
                    int bit = c.intIn(0, genuine.get(p).length * 8 - 1);
                    wire.set(p, Fixtures.flip(genuine.get(p), bit));
                    headerIntact = bit >= Frames.HEADER_BYTES * 8;
                    detail = "bit " + bit;
                }
                case REPLAY -> {
                    p = c.intIn(1, n);
                    int j = c.intIn(0, p - 1);
                    wire.add(p, genuine.get(j));
                    detail = "frame " + j + " again";
                }
                case REORDER -> {
                    p = c.intIn(0, n - 2);
                    int j = c.intIn(p + 1, n - 1);
                    wire.add(p, wire.remove(j));
                    detail = "frame " + j + " moved forward";
                }
                case DROP -> {
                    p = c.intIn(0, n - 2);
                    wire.remove(p);
                    detail = "dropped";
                }
                case FOREIGN -> {
                    // The same payloads under another session's keys (other session id and secrets).
                    Scenario other = new Scenario(
                            s.seed() + 1,
                            s.suite(),
                            s.clientAlgorithm(),
                            s.serverAlgorithm(),
                            s.recordContentBytes(),
                            s.keyUpdateAfterRecords(),
                            s.clientSends(),
                            s.payloads());
                    List<byte[]> foreign =
                            seal(other.link(false).sender(), other).frames();
                    p = c.intIn(0, Math.min(n, foreign.size()) - 1);
                    wire.set(p, foreign.get(p));
                    detail = "from another session";
                }
                case REFLECT -> {
                    // The receiver's own record sent back to it (same session, other direction).
                    p = c.intIn(0, n - 1);
                    wire.set(
                            p,
                            Fixtures.split(l.receiver().seal(Choices.filler(p, 10)))
                                    .get(0));
                    detail = "reflected";
                }
                case TRUNCATE -> {
                    p = c.intIn(0, n - 1);
                    int len = c.intIn(0, genuine.get(p).length - 1);
                    wire.set(p, Arrays.copyOf(genuine.get(p), len));
                    headerIntact = false;
                    detail = "cut to " + len + " bytes";
                }
                default -> {
                    // RESIZE: cut or extend the body and rewrite the length so the header is consistent.
                    p = c.intIn(0, n - 1);
                    byte[] g = genuine.get(p);
                    int len = c.intIn(Frames.HEADER_BYTES, g.length + 40);
                    if (len == g.length) {
                        len--;
                    }
                    byte[] f = Arrays.copyOf(g, len);
                    if (len > g.length) {
                        System.arraycopy(c.bytes(len - g.length), 0, f, g.length, len - g.length);
                    }
                    Frames.writeHeader(FrameType.RECORD, len - Frames.HEADER_BYTES, f, 0);
                    wire.set(p, f);
                    detail = "resized to " + len + " bytes";
                }
            }
            String what = attack + " at frame " + p + " (" + detail + ") of " + n + " in " + s;
            checkAttack(l, s, w, withClose, wire, p, attack, headerIntact, genuine, what);
        }
    }

    private static void checkAttack(
            Fixtures.Link l,
            Scenario s,
            Wire w,
            boolean withClose,
            List<byte[]> wire,
            int p,
            Attack attack,
            boolean headerIntact,
            List<byte[]> genuine,
            String what)
            throws Exception {
        Session receiver = l.receiver();
        long seq = 1;
        int m = 0;
        for (int k = 0; k < p; k++) {
            Inbound in = open(receiver, wire.get(k), "frame " + k + " before " + what);
            if (m < w.ends().size() && k == w.ends().get(m)) {
                assertMessage(in, l.sender(), receiver, s.payloads().get(m), seq++);
                m++;
            } else if (withClose && k == genuine.size() - 1) {
                assertThat(in).isInstanceOf(Inbound.Closed.class);
            } else {
                assertThat(in).as("frame %d before %s", k, what).isInstanceOf(Inbound.Pending.class);
            }
        }
        boolean closedBefore = withClose && genuine.size() - 1 < p;
        MarcomException e = typedFailure(() -> receiver.open(wire.get(p)));
        if (e == null) {
            fail("accepted a tampered record: " + what);
        }
        if (closedBefore) {
            assertThat(e).as(what).isInstanceOf(SessionClosedException.class);
            return;
        }
        switch (attack) {
            case FLIP ->
                assertThat(e)
                        .as(what)
                        .isInstanceOf(headerIntact ? AuthenticationException.class : MalformedInputException.class);
            case TRUNCATE -> assertThat(e).as(what).isInstanceOf(MalformedInputException.class);
            case RESIZE ->
                assertThat(e).as(what).isInstanceOfAny(AuthenticationException.class, MalformedInputException.class);
            default -> assertThat(e).as(what).isInstanceOf(AuthenticationException.class);
        }
        // Dead afterwards: nothing more is delivered, not even the genuine record.
        for (int k = p + 1; k < Math.min(wire.size(), p + 3); k++) {
            byte[] f = wire.get(k);
            assertThat(typedFailure(() -> receiver.open(f)))
                    .as("after " + what)
                    .isInstanceOf(SessionClosedException.class);
        }
        assertThat(typedFailure(() -> receiver.open(genuine.get(Math.min(p, genuine.size() - 1)))))
                .as("genuine record after " + what)
                .isInstanceOf(SessionClosedException.class);
        assertThat(typedFailure(() -> receiver.seal(new byte[1])))
                .as("sending after " + what)
                .isInstanceOf(SessionClosedException.class);
    }

    // ---- property 4: truncation of the stream ----------------------------------------------

    /**
     * The byte stream of records is cut anywhere before its end: a stream reader returns the
     * complete frames, then end of stream (cut at a boundary) or {@link EOFException} (cut inside a
     * frame); exactly the messages whose last record arrived are delivered, and close_notify is
     * never seen, so a transport reports the truncation.
     */
    static void truncatedStream(Choices c) throws Exception {
        Scenario s = scenario(c, 4, 20_000);
        Fixtures.Link l = s.link(false);
        Wire w = seal(l.sender(), s);
        List<byte[]> frames = new ArrayList<>(w.frames());
        if (c.bool()) {
            frames.add(l.sender().close());
        }
        byte[] stream = Preface.prepend(Fixtures.concat(frames));
        int cut = c.intIn(0, stream.length - 1);
        List<Integer> boundaries = new ArrayList<>();
        int off = Preface.LENGTH;
        for (byte[] f : frames) {
            off += f.length;
            boundaries.add(off);
        }
        StreamFrameChannel in = StreamFrameChannel.of(
                new ByteArrayInputStream(Arrays.copyOf(stream, cut)), OutputStream.nullOutputStream());
        int delivered = 0;
        int k = 0;
        boolean eof = false;
        while (true) {
            byte[] f;
            try {
                f = in.readFrame();
            } catch (EOFException e) {
                eof = true;
                break;
            }
            if (f == null) {
                break;
            }
            assertThat(f).isEqualTo(frames.get(k));
            Inbound got = open(l.receiver(), f, "frame " + k + " of a stream cut at " + cut);
            assertThat(got).isNotInstanceOf(Inbound.Closed.class);
            if (got instanceof Inbound.Message) {
                assertMessage(got, l.sender(), l.receiver(), s.payloads().get(delivered), delivered + 1);
                delivered++;
            }
            k++;
        }
        long complete = w.ends().stream().filter(e -> boundaries.get(e) <= cut).count();
        assertThat(delivered)
                .as("messages delivered from a stream cut at " + cut)
                .isEqualTo(complete);
        assertThat(eof)
                .as("EOF inside a frame at " + cut)
                .isEqualTo(!boundaries.contains(cut) && cut != 0 && cut != Preface.LENGTH);
        assertThat(l.receiver().isPeerClosed()).isFalse();
    }

    // ---- a peer with the keys that sends records no honest sender would ---------------------

    /**
     * The receiver against a model: a forged sender holding the real traffic key sends arbitrary
     * inner records (any type byte, fragments, finals with good, bad or malformed signatures, key
     * updates, keep-alives and close_notify with or without content). Each open must give exactly the model's
     * outcome: a message, Pending, Closed, or a {@link MarcomException} of the model's type, after
     * which the session is dead.
     */
    static void maliciousPeer(Choices c) throws Exception {
        long seed = c.seed();
        int maxMessage = c.percent(50) ? c.intIn(1, 3000) : SessionConfig.DEFAULT_MAX_MESSAGE_BYTES;
        CipherSuite suite = c.pick(CipherSuite.values());
        Identity sender = Fixtures.clientId(signer(c, suite));
        SessionConfig cc = Fixtures.client(seed, sender.algorithm()).build();
        SessionConfig sc = Fixtures.server(seed, signer(c, suite))
                .maxMessageBytes(maxMessage)
                .build();
        Session receiver = Fixtures.directPair(cc, sc, seed, suite).server();
        ForgedRecords peer = new ForgedRecords(Fixtures.directSendSecret(seed, Role.CLIENT));
        byte[] sessionId = Fixtures.directSessionId(seed);

        ByteArrayOutputStream partial = null;
        long seq = 0;
        byte[] head = MessageSignatures.emptyHead();
        byte[] signer = sender.fingerprint().sha256().toByteArray();
        boolean closed = false;
        int steps = c.intIn(1, 12);
        for (int step = 0; step < steps; step++) {
            int kind = c.intIn(0, 11);
            int type;
            byte[] content;
            switch (kind) {
                case 0, 1 -> {
                    type = RecordType.MESSAGE_PART.code();
                    content = c.percent(80)
                            ? c.bytes(c.intIn(0, 300))
                            : Choices.filler(c.seed(), c.intIn(0, Frames.MAX_RECORD_CONTENT));
                }
                case 2, 3, 4 -> {
                    // A final with a valid signature (for this or a wrong sequence/plaintext) or junk.
                    type = RecordType.MESSAGE_FINAL.code();
                    byte[] tail = c.bytes(c.intIn(0, 200));
                    byte[] whole = concat(partial == null ? new byte[0] : partial.toByteArray(), tail);
                    int how = c.intIn(0, 6);
                    byte[] signedPlain = how == 1 ? concat(whole, new byte[] {1}) : whole;
                    long signedSeq = how == 2 ? seq + 2 : seq + 1;
                    // The receiver (server) sends nothing, so an honest sender has seen 0 of its messages;
                    // 5 claims one, 6 signs a chain that skips the previous message.
                    long seen = how == 5 ? 1 : 0;
                    byte[] previous = how == 6 ? MessageSignatures.head(new byte[] {(byte) seq}) : head;
                    byte[] sig = how == 3
                            ? c.bytes(c.intIn(0, 80))
                            : Fixtures.sign(
                                    sender,
                                    MessageSignatures.message(
                                            signer,
                                            sessionId,
                                            Direction.CLIENT_TO_SERVER.code(),
                                            signedSeq,
                                            previous,
                                            seen,
                                            MessageSignatures.emptyHead(),
                                            Sha256.hash(signedPlain)));
                    if (how == 4 && sig.length > 8) {
                        sig[c.intIn(0, sig.length - 1)] ^= (byte) (1 << c.intIn(0, 7));
                    }
                    content = concat(
                            ByteBuffer.allocate(10)
                                    .putLong(seen)
                                    .putShort((short) sig.length)
                                    .array(),
                            concat(sig, tail));
                }
                case 5 -> {
                    type = RecordType.MESSAGE_FINAL.code();
                    content = c.bytes(c.intIn(0, 6)); // no room for the signature it announces
                }
                case 6, 7 -> {
                    type = RecordType.KEY_UPDATE.code();
                    content = c.percent(80) ? new byte[0] : c.bytes(c.intIn(1, 4));
                }
                case 8 -> {
                    type = RecordType.CLOSE_NOTIFY.code();
                    content = c.percent(70) ? new byte[0] : c.bytes(c.intIn(1, 4));
                }
                case 9 -> {
                    type = c.percent(50) ? RecordType.PING.code() : RecordType.PONG.code();
                    content = c.percent(80) ? new byte[0] : c.bytes(c.intIn(1, 4));
                }
                default -> {
                    // Any type byte but the stream records, whose ordering RecordOrderTest and StreamTest
                    // cover: this model has no stream state.
                    type = c.intIn(0, 255 - 3);
                    if (type >= RecordType.STREAM_BEGIN.code()) {
                        type += 3;
                    }
                    content = c.bytes(c.intIn(0, 40));
                }
            }
            byte[] frame = peer.seal(type, content);

            // The model's expectation.
            Class<? extends MarcomException> expectFailure = null;
            RecordType t = RecordType.of(type);
            byte[] expectMessage = null;
            byte[] expectHead = null;
            if (closed) {
                expectFailure = SessionClosedException.class;
            } else if (t == null) {
                expectFailure = MalformedInputException.class;
            } else {
                switch (t) {
                    case KEY_UPDATE, PING, PONG -> {
                        if (content.length != 0) {
                            expectFailure = MalformedInputException.class;
                        }
                        // Key updates and keep-alives may arrive between the fragments of a message: honest
                        // senders do that.
                    }
                    case CLOSE_NOTIFY -> {
                        if (content.length != 0 || partial != null) {
                            expectFailure = MalformedInputException.class;
                        }
                    }
                    case MESSAGE_PART -> {
                        long size = (partial == null ? 0 : partial.size()) + (long) content.length;
                        if (size > maxMessage) {
                            expectFailure = MalformedInputException.class;
                        }
                    }
                    case MESSAGE_FINAL -> {
                        if (content.length < 10) {
                            expectFailure = MalformedInputException.class;
                            break;
                        }
                        long seen = ByteBuffer.wrap(content).getLong();
                        int sigLen = ((content[8] & 0xff) << 8) | (content[9] & 0xff);
                        if (sigLen > SignatureSchemes.of(sender.algorithm()).maxSignatureBytes()
                                || sigLen > content.length - 10) {
                            expectFailure = MalformedInputException.class;
                            break;
                        }
                        byte[] sig = Arrays.copyOfRange(content, 10, 10 + sigLen);
                        byte[] tail = Arrays.copyOfRange(content, 10 + sigLen, content.length);
                        byte[] plain = concat(partial == null ? new byte[0] : partial.toByteArray(), tail);
                        if (plain.length > maxMessage) {
                            expectFailure = MalformedInputException.class;
                            break;
                        }
                        if (seen != 0) {
                            // The receiver sent nothing: no claim but 0 can be true.
                            expectFailure = AuthenticationException.class;
                            break;
                        }
                        byte[] signed = MessageSignatures.message(
                                signer,
                                sessionId,
                                Direction.CLIENT_TO_SERVER.code(),
                                seq + 1,
                                head,
                                0,
                                MessageSignatures.emptyHead(),
                                Sha256.hash(plain));
                        try {
                            SignatureSchemes.of(sender.algorithm())
                                    .verify(sender.publicIdentity().publicKey(), signed, sig, "model");
                            expectMessage = plain;
                            expectHead = MessageSignatures.head(signed);
                        } catch (AuthenticationException bad) {
                            expectFailure = AuthenticationException.class;
                        }
                    }
                    default -> throw new AssertionError("the model generates no " + t);
                }
            }

            Inbound[] got = new Inbound[1];
            MarcomException e = typedFailure(() -> got[0] = receiver.open(frame));
            String what = "step " + step + ": inner type 0x" + Integer.toHexString(type) + " with "
                    + content.length + " bytes (partial " + (partial == null ? "none" : partial.size())
                    + ", maxMessageBytes " + maxMessage + ", seed " + seed + ")";
            if (expectFailure != null) {
                assertThat(e).as(what).isInstanceOf(expectFailure);
                if (!closed) {
                    assertThat(typedFailure(() -> receiver.open(peer.seal(RecordType.KEY_UPDATE.code(), new byte[0]))))
                            .as("after " + what)
                            .isInstanceOf(SessionClosedException.class);
                }
                return;
            }
            if (e != null) {
                throw new AssertionError("refused a well-formed record: " + what + ": " + e, e);
            }
            switch (t) {
                case KEY_UPDATE -> {
                    assertThat(got[0]).as(what).isInstanceOf(Inbound.Pending.class);
                    peer.update();
                }
                case PING -> assertThat(got[0]).as(what).isInstanceOf(Inbound.Ping.class);
                case PONG -> assertThat(got[0]).as(what).isInstanceOf(Inbound.Pending.class);
                case CLOSE_NOTIFY -> {
                    assertThat(got[0]).as(what).isInstanceOf(Inbound.Closed.class);
                    closed = true;
                }
                case MESSAGE_PART -> {
                    assertThat(got[0]).as(what).isInstanceOf(Inbound.Pending.class);
                    if (partial == null) {
                        partial = new ByteArrayOutputStream();
                    }
                    partial.write(content);
                }
                default -> {
                    assertThat(got[0]).as(what).isInstanceOf(Inbound.Message.class);
                    VerifiedMessage msg = ((Inbound.Message) got[0]).message();
                    assertThat(msg.plaintext()).as(what).isEqualTo(expectMessage);
                    assertThat(msg.sequence()).isEqualTo(++seq);
                    OfflineVerifier.verify(msg);
                    assertThat(MessageSignatures.head(msg.signedData().toByteArray()))
                            .isEqualTo(expectHead);
                    head = expectHead;
                    partial = null;
                }
            }
        }
    }

    // ---- property 1 for Session.open: arbitrary bytes ----------------------------------------

    /** Arbitrary bytes as a record: a typed failure (or, for a genuine frame, a valid result). */
    static void openArbitrary(byte[] frame) throws Exception {
        Session receiver = Fixtures.directPair(
                        Fixtures.client(0).build(), Fixtures.server(0).build(), 0)
                .server();
        Inbound[] got = new Inbound[1];
        MarcomException e = typedFailure(() -> got[0] = receiver.open(frame));
        if (e == null) {
            if (got[0] instanceof Inbound.Message m) {
                OfflineVerifier.verify(m.message());
            }
            return;
        }
        assertThat(typedFailure(() -> receiver.open(frame))).isInstanceOf(SessionClosedException.class);
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
