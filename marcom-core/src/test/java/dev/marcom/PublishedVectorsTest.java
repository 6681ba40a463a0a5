package dev.marcom;

import static org.assertj.core.api.Assertions.assertThat;

import dev.marcom.identity.Identity;
import dev.marcom.identity.TrustPolicy;
import dev.marcom.internal.wire.FrameType;
import dev.marcom.internal.wire.Frames;
import dev.marcom.session.Inbound;
import dev.marcom.session.Session;
import dev.marcom.session.SessionConfig;
import dev.marcom.testing.DeterministicRandom;
import dev.marcom.testing.Fixtures;
import dev.marcom.testing.Pipe;
import dev.marcom.testing.PrettyJson;
import dev.marcom.testing.RecordingTraceListener;
import dev.marcom.trace.TraceEvent;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * MARCOM's published test vectors, {@code docs/vectors/<suite>.json}: for each suite, a complete
 * handshake and one short message each way, driven by deterministic randomness (identities, nonces,
 * key-transport keys and encapsulations) with "reveal secrets" on, so that another implementation
 * can replay it and compare every byte (docs/vectors/README.md describes the fields).
 *
 * <p>The test regenerates each file twice in this JVM (the two runs must agree: nothing may depend
 * on anything but the seeds) and compares it byte for byte with the committed file. With
 * {@code -Dmarcom.vectors.write=true} it rewrites the files instead. It also checks the vectors
 * against themselves: both sides report the same keys, session id and key transport, and each
 * record frame decrypts, with the published key and IV, to its published inner plaintext.
 */
class PublishedVectorsTest {
    private static final Path DIR = Path.of("..", "docs", "vectors");
    private static final HexFormat HEX = HexFormat.of();
    private static final long CLIENT_IDENTITY_SEED = 101;
    private static final long SERVER_IDENTITY_SEED = 202;
    private static final long CLIENT_RANDOM_SEED = 303;
    private static final long SERVER_RANDOM_SEED = 404;
    private static final String CLIENT_MESSAGE = "hello, Bob";
    private static final String SERVER_MESSAGE = "hello, Alice";

    @ParameterizedTest(name = "{0}")
    @EnumSource(CipherSuite.class)
    void theCommittedVectorsAreWhatThisBuildProduces(CipherSuite suite) throws Exception {
        String first = generate(suite);
        String second = generate(suite);
        assertThat(second).as("a second run from the same seeds").isEqualTo(first);

        Path file = DIR.resolve(suite.suiteName() + ".json");
        if (Boolean.getBoolean("marcom.vectors.write")) {
            Files.createDirectories(DIR);
            Files.writeString(file, first, StandardCharsets.US_ASCII);
            return;
        }
        assertThat(file)
                .as("%s is missing; run this test with -Dmarcom.vectors.write=true", file)
                .exists();
        assertThat(Files.readString(file, StandardCharsets.US_ASCII))
                .as(
                        "%s differs from what this build produces (a wire or key-schedule change?); "
                                + "if the change is intended, rerun with -Dmarcom.vectors.write=true",
                        file)
                .isEqualTo(first);
    }

    /** One deterministic session of {@code suite}, as the JSON text of its vector file. */
    static String generate(CipherSuite suite) throws Exception {
        SignatureAlgorithm algorithm = suite.pairedSignature();
        Identity alice = Identity.generate(algorithm, DeterministicRandom.of(CLIENT_IDENTITY_SEED));
        Identity bob = Identity.generate(algorithm, DeterministicRandom.of(SERVER_IDENTITY_SEED));
        RecordingTraceListener clientTrace = new RecordingTraceListener();
        RecordingTraceListener serverTrace = new RecordingTraceListener();
        SessionConfig client = config(alice, bob, suite, CLIENT_RANDOM_SEED, clientTrace);
        SessionConfig server = config(bob, alice, suite, SERVER_RANDOM_SEED, serverTrace);

        Pipe.Result pipe = Pipe.handshake(client, server);
        Session c = pipe.client();
        Session s = pipe.server();
        assertThat(c.suite()).isEqualTo(suite);
        assertThat(c.sessionId()).isEqualTo(s.sessionId());

        TraceEvent.KeysDerived keys = only(clientTrace, TraceEvent.KeysDerived.class);
        assertThat(only(serverTrace, TraceEvent.KeysDerived.class))
                .as("both sides derive the same keys")
                .isEqualTo(keys);
        assertThat(keys.sessionId()).isEqualTo(c.sessionId());

        Map<String, Object> root = new LinkedHashMap<>();
        root.put(
                "description",
                "MARCOM v1 test vector: one handshake and one message each way, suite " + suite.suiteName()
                        + "; see docs/vectors/README.md");
        root.put("protocolVersion", 1);
        root.put("suite", suite.suiteName());
        root.put("suiteCode", String.format(Locale.ROOT, "0x%04x", suite.code()));
        root.put("keyTransport", suite.keyTransport());
        root.put("signatureAlgorithm", algorithm.shortName());
        root.put(
                "random",
                "DeterministicRandom: block i = SHA-256(label || u64 seed || u64 i), label = "
                        + "\"MARCOM tests: deterministic random, never for real keys\" (ASCII)");

        Map<String, Object> inputs = new LinkedHashMap<>();
        inputs.put("client", party(alice, CLIENT_IDENTITY_SEED, CLIENT_RANDOM_SEED));
        inputs.put("server", party(bob, SERVER_IDENTITY_SEED, SERVER_RANDOM_SEED));
        root.put("inputs", inputs);

        root.put("handshake", handshake(pipe.frames(), clientTrace, serverTrace, keys));

        List<Object> records = new ArrayList<>();
        clientTrace.clear();
        serverTrace.clear();
        records.add(message("client", c.seal(CLIENT_MESSAGE), CLIENT_MESSAGE, s, clientTrace, keys));
        records.add(message("server", s.seal(SERVER_MESSAGE), SERVER_MESSAGE, c, serverTrace, keys));
        root.put("records", records);
        return PrettyJson.write(root);
    }

    private static SessionConfig config(
            Identity self, Identity peer, CipherSuite suite, long seed, RecordingTraceListener trace) {
        return SessionConfig.builder(self, TrustPolicy.pinned(peer.fingerprint()))
                .suites(suite)
                .random(DeterministicRandom.of(seed))
                .trace(trace)
                .revealSecrets(true)
                .build();
    }

    private static Map<String, Object> party(Identity id, long identitySeed, long randomSeed) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("identitySeed", identitySeed);
        m.put("sessionRandomSeed", randomSeed);
        m.put("signatureAlgorithm", id.algorithm().shortName());
        m.put("fingerprint", id.fingerprint().toString());
        m.put("spki", id.publicIdentity().subjectPublicKeyInfo().hex());
        m.put("pkcs8", HEX.formatHex(id.privateKeyPkcs8()));
        return m;
    }

    private static Map<String, Object> handshake(
            List<byte[]> frames,
            RecordingTraceListener clientTrace,
            RecordingTraceListener serverTrace,
            TraceEvent.KeysDerived keys) {
        Map<String, Object> h = new LinkedHashMap<>();
        List<Object> list = new ArrayList<>();
        for (int i = 0; i < frames.size(); i++) {
            byte[] f = frames.get(i);
            FrameType type = FrameType.of(f[0] & 0xff);
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("index", i);
            m.put("sender", type == FrameType.CLIENT_HELLO || type == FrameType.CLIENT_AUTH ? "client" : "server");
            m.put("type", String.valueOf(type));
            m.put("hex", HEX.formatHex(f));
            list.add(m);
        }
        assertThat(list)
                .as("ClientHello, ServerHello, ClientAuth, ServerFinished")
                .hasSize(4);
        h.put("frames", list);

        TraceEvent.KemKeyGenerated kem = only(serverTrace, TraceEvent.KemKeyGenerated.class);
        TraceEvent.KemEncapsulation sent = only(clientTrace, TraceEvent.KemEncapsulation.class);
        TraceEvent.KemEncapsulation received = only(serverTrace, TraceEvent.KemEncapsulation.class);
        assertThat(sent.outbound()).isTrue();
        assertThat(received.outbound()).isFalse();
        assertThat(List.of(received.c1(), received.c2(), received.secret()))
                .as("the server recovers what the client sent")
                .isEqualTo(List.of(sent.c1(), sent.c2(), sent.secret()));
        Map<String, Object> transport = new LinkedHashMap<>();
        transport.put("mechanism", kem.mechanism());
        transport.put("parameters", kem.parameters());
        transport.put("serverPublicKey", kem.publicKey().hex());
        transport.put("serverPrivateKey", kem.privateKey().orElseThrow().hex());
        transport.put("c1", sent.c1().hex());
        transport.put("c2", sent.c2().hex());
        transport.put("transportedSecret", sent.secret().orElseThrow().hex());
        h.put("keyTransport", transport);

        List<Object> digests = new ArrayList<>();
        for (TraceEvent.Digest d : serverTrace.of(TraceEvent.Digest.class)) {
            digests.add(digest("server", d));
        }
        for (TraceEvent.Digest d : clientTrace.of(TraceEvent.Digest.class)) {
            digests.add(digest("client", d));
        }
        h.put("digests", digests);

        List<Object> signatures = new ArrayList<>();
        for (TraceEvent.Signature sig : serverTrace.of(TraceEvent.Signature.class)) {
            if (sig.outbound()) {
                signatures.add(signature("server", sig));
            }
        }
        for (TraceEvent.Signature sig : clientTrace.of(TraceEvent.Signature.class)) {
            if (sig.outbound()) {
                signatures.add(signature("client", sig));
            }
        }
        assertThat(signatures).hasSize(2);
        h.put("signatures", signatures);

        List<Object> macs = new ArrayList<>();
        for (TraceEvent.FinishedMac mac : clientTrace.of(TraceEvent.FinishedMac.class)) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("of", mac.of().toString().toLowerCase(Locale.ROOT));
            m.put("mac", mac.mac().hex());
            macs.add(m);
        }
        assertThat(macs).hasSize(2);
        h.put("finishedMacs", macs);

        h.put("sessionId", keys.sessionId().hex());
        Map<String, Object> traffic = new LinkedHashMap<>();
        traffic.put("clientToServer", keyAndIv(keys.clientToServerKey().orElseThrow(), keys.clientToServerIv()));
        traffic.put("serverToClient", keyAndIv(keys.serverToClientKey().orElseThrow(), keys.serverToClientIv()));
        h.put("trafficKeys", traffic);
        return h;
    }

    private static Map<String, Object> digest(String side, TraceEvent.Digest d) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("computedBy", side);
        m.put("subject", d.subject().toString());
        m.put("bytesHashed", d.bytes());
        m.put("sha256", d.sha256().hex());
        return m;
    }

    private static Map<String, Object> signature(String side, TraceEvent.Signature sig) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("signer", side);
        m.put("subject", sig.subject().toString());
        m.put("algorithm", sig.algorithm().shortName());
        m.put("signature", sig.signature().hex());
        return m;
    }

    private static Map<String, Object> keyAndIv(Bytes key, Bytes iv) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("key", key.hex());
        m.put("iv", iv.hex());
        return m;
    }

    /**
     * One message: the frames {@code sealed} holds, each decrypted here with the published key and
     * IV to show its inner plaintext, then opened by {@code receiver}.
     */
    private static Map<String, Object> message(
            String sender,
            byte[] sealed,
            String text,
            Session receiver,
            RecordingTraceListener senderTrace,
            TraceEvent.KeysDerived keys)
            throws Exception {
        boolean fromClient = sender.equals("client");
        byte[] key = (fromClient ? keys.clientToServerKey() : keys.serverToClientKey())
                .orElseThrow()
                .toByteArray();
        byte[] iv = (fromClient ? keys.clientToServerIv() : keys.serverToClientIv()).toByteArray();
        List<TraceEvent.AeadRecord> sealedRecords = senderTrace.of(TraceEvent.AeadRecord.class).stream()
                .filter(TraceEvent.AeadRecord::outbound)
                .toList();
        List<byte[]> frames = Fixtures.split(sealed);
        assertThat(sealedRecords).hasSameSizeAs(frames);

        Map<String, Object> m = new LinkedHashMap<>();
        m.put("sender", sender);
        m.put("text", text);
        m.put("plaintext", HEX.formatHex(text.getBytes(StandardCharsets.UTF_8)));
        List<Object> list = new ArrayList<>();
        for (int i = 0; i < frames.size(); i++) {
            byte[] frame = frames.get(i);
            TraceEvent.AeadRecord rec = sealedRecords.get(i);
            byte[] nonce = nonce(iv, rec.sequence());
            assertThat(Bytes.of(nonce)).as("nonce = iv XOR seq").isEqualTo(rec.nonce());
            byte[] inner = open(key, nonce, frame, rec.sequence());
            Map<String, Object> f = new LinkedHashMap<>();
            f.put("sequence", rec.sequence());
            f.put("nonce", HEX.formatHex(nonce));
            f.put("inner", HEX.formatHex(inner));
            f.put("hex", HEX.formatHex(frame));
            list.add(f);
            Inbound in = receiver.open(frame);
            assertThat(in).isNotNull();
        }
        m.put("frames", list);
        return m;
    }

    private static byte[] nonce(byte[] iv, long seq) {
        byte[] n = iv.clone();
        byte[] s = ByteBuffer.allocate(8).putLong(seq).array();
        for (int i = 0; i < 8; i++) {
            n[4 + i] ^= s[i];
        }
        return n;
    }

    /** AES-256-GCM open with the JDK, aad = frame header ‖ u64 seq (docs/PROTOCOL.md §6). */
    private static byte[] open(byte[] key, byte[] nonce, byte[] frame, long seq) throws Exception {
        Cipher gcm = Cipher.getInstance("AES/GCM/NoPadding");
        gcm.init(Cipher.DECRYPT_MODE, new SecretKeySpec(key, "AES"), new GCMParameterSpec(128, nonce));
        gcm.updateAAD(ByteBuffer.allocate(Frames.HEADER_BYTES + 8)
                .put(frame, 0, Frames.HEADER_BYTES)
                .putLong(seq)
                .array());
        return gcm.doFinal(Arrays.copyOfRange(frame, Frames.HEADER_BYTES, frame.length));
    }

    private static <T extends TraceEvent> T only(RecordingTraceListener trace, Class<T> type) {
        List<T> events = trace.of(type);
        assertThat(events).as("exactly one %s", type.getSimpleName()).hasSize(1);
        return events.get(0);
    }
}
