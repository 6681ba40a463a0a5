package dev.marcom.bench;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.TrustManagerFactory;

/**
 * The JSSE TLS 1.3 baseline: an {@link SSLContext} whose key and certificate are made at set-up
 * by the running JDK's {@code keytool} (ECDSA P-256, self-signed, trusted by the client), and an
 * in-memory {@link SSLEngine} pair driven the way MARCOM's sans-I/O session is driven.
 *
 * <p>Only TLS 1.3 with {@code TLS_AES_256_GCM_SHA384} is enabled. Clients create engines without
 * a peer host, so the JDK never resumes a session: every handshake is a full one.
 */
public final class Tls {
    /** The one suite the baseline negotiates (AES-256-GCM, like MARCOM's records). */
    public static final String SUITE = "TLS_AES_256_GCM_SHA384";
    /** The system property naming a ready PKCS12 key store (bench.sh makes one per run). */
    public static final String KEYSTORE_PROPERTY = "marcom.bench.keystore";

    private static final char[] PASSWORD = "marcom-bench".toCharArray();
    private static SSLContext context;

    private Tls() {}

    /** The shared context (made once per JVM). */
    public static synchronized SSLContext context() {
        if (context == null) {
            try {
                String given = System.getProperty(KEYSTORE_PROPERTY);
                Path store = given != null && !given.isEmpty() ? Path.of(given) : generateKeyStore();
                context = context(store);
            } catch (IOException | GeneralSecurityException e) {
                throw new IllegalStateException("cannot set up the TLS baseline: " + e.getMessage(), e);
            }
        }
        return context;
    }

    /** Runs {@code keytool -genkeypair} of the running JDK into a fresh temporary PKCS12 file. */
    public static Path generateKeyStore() throws IOException {
        Path dir = Files.createTempDirectory("marcom-bench-tls");
        Path store = dir.resolve("tls.p12");
        generateKeyStore(store);
        store.toFile().deleteOnExit();
        dir.toFile().deleteOnExit();
        return store;
    }

    /** Runs {@code keytool -genkeypair} of the running JDK into {@code store}. */
    public static void generateKeyStore(Path store) throws IOException {
        Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
        Process p = new ProcessBuilder(
                        keytool.toString(),
                        "-genkeypair",
                        "-alias",
                        "bench",
                        "-keyalg",
                        "EC",
                        "-groupname",
                        "secp256r1",
                        "-sigalg",
                        "SHA256withECDSA",
                        "-dname",
                        "CN=localhost",
                        "-validity",
                        "30",
                        "-storetype",
                        "PKCS12",
                        "-keystore",
                        store.toString(),
                        "-storepass",
                        new String(PASSWORD),
                        "-keypass",
                        new String(PASSWORD))
                .redirectErrorStream(true)
                .start();
        try (InputStream out = p.getInputStream()) {
            String text = new String(out.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IOException("keytool failed: " + text);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while running keytool", e);
        }
    }

    /** A TLS context that presents the key in {@code store} and trusts its certificate. */
    public static SSLContext context(Path store) throws IOException, GeneralSecurityException {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(store)) {
            ks.load(in, PASSWORD);
        }
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(ks, PASSWORD);
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(ks);
        SSLContext ctx = SSLContext.getInstance("TLSv1.3");
        ctx.init(kmf.getKeyManagers(), tmf.getTrustManagers(), new SecureRandom());
        return ctx;
    }

    /** TLS 1.3 with the one suite; {@code mutual} also asks the client for its certificate. */
    public static SSLParameters parameters(SSLContext ctx, boolean mutual) {
        SSLParameters p = ctx.getDefaultSSLParameters();
        p.setProtocols(new String[] {"TLSv1.3"});
        p.setCipherSuites(new String[] {SUITE});
        p.setNeedClientAuth(mutual);
        return p;
    }

    /** Two engines and the buffers an in-memory application must keep for them. */
    public static final class EnginePair {
        public final SSLEngine client;
        public final SSLEngine server;
        /** Client-to-server and server-to-client network buffers. */
        public final ByteBuffer toServer;

        public final ByteBuffer toClient;
        /** Application buffers for what each side unwraps. */
        public final ByteBuffer clientApp;

        public final ByteBuffer serverApp;

        EnginePair(SSLEngine client, SSLEngine server) {
            this.client = client;
            this.server = server;
            int net = Math.max(
                    client.getSession().getPacketBufferSize(),
                    server.getSession().getPacketBufferSize());
            int app = Math.max(
                    client.getSession().getApplicationBufferSize(),
                    server.getSession().getApplicationBufferSize());
            toServer = ByteBuffer.allocate(net);
            toClient = ByteBuffer.allocate(net);
            clientApp = ByteBuffer.allocate(app);
            serverApp = ByteBuffer.allocate(app);
        }

        /** The largest plaintext one record carries. */
        public int maxRecordPlaintext() {
            return 16384;
        }
    }

    /** A fresh engine pair (no handshake yet). */
    public static EnginePair engines(SSLContext ctx, boolean mutual) {
        SSLEngine c = ctx.createSSLEngine();
        c.setUseClientMode(true);
        c.setSSLParameters(parameters(ctx, false));
        SSLEngine s = ctx.createSSLEngine();
        s.setUseClientMode(false);
        s.setSSLParameters(parameters(ctx, mutual));
        return new EnginePair(c, s);
    }

    /** A fresh engine pair that completed a full handshake in memory. */
    public static EnginePair handshaken(SSLContext ctx, boolean mutual) throws SSLException {
        EnginePair p = engines(ctx, mutual);
        handshake(p);
        return p;
    }

    private static final ByteBuffer EMPTY = ByteBuffer.allocate(0);

    /**
     * Drives both engines' handshakes to completion in the calling thread, the usual SSLEngine
     * loop: wrap while there is something to send, unwrap what arrived, run delegated tasks.
     */
    public static void handshake(EnginePair p) throws SSLException {
        handshake(p, null);
    }

    /**
     * Like {@link #handshake(EnginePair)}, adding the bytes each side wrapped (its records on the
     * wire) to {@code wireBytes} (client to server at index 0, server to client at 1) unless it is
     * null. Post-handshake messages the server sends during the loop (session tickets) count.
     */
    public static void handshake(EnginePair p, long[] wireBytes) throws SSLException {
        long[] sink = wireBytes != null ? wireBytes : new long[2];
        p.client.beginHandshake();
        p.server.beginHandshake();
        for (int guard = 0; guard < 1000; guard++) {
            boolean cDone = isDone(p.client.getHandshakeStatus());
            boolean sDone = isDone(p.server.getHandshakeStatus());
            if (cDone && sDone) {
                // Deliver anything still in flight (e.g. session tickets).
                if (p.toClient.position() == 0 && p.toServer.position() == 0) {
                    return;
                }
            }
            sink[0] += step(p.client, p.toServer, p.toClient, p.clientApp);
            sink[1] += step(p.server, p.toClient, p.toServer, p.serverApp);
        }
        throw new SSLException("TLS handshake did not finish");
    }

    private static boolean isDone(SSLEngineResult.HandshakeStatus s) {
        return s == SSLEngineResult.HandshakeStatus.FINISHED || s == SSLEngineResult.HandshakeStatus.NOT_HANDSHAKING;
    }

    /** Advances one engine; returns the bytes it wrapped. */
    private static long step(SSLEngine e, ByteBuffer out, ByteBuffer in, ByteBuffer app) throws SSLException {
        long wrapped = 0;
        for (int i = 0; i < 8; i++) {
            SSLEngineResult.HandshakeStatus hs = e.getHandshakeStatus();
            switch (hs) {
                case NEED_WRAP -> wrapped += e.wrap(EMPTY, out).bytesProduced();
                case NEED_TASK -> {
                    Runnable t;
                    while ((t = e.getDelegatedTask()) != null) {
                        t.run();
                    }
                }
                case NEED_UNWRAP, NEED_UNWRAP_AGAIN, NOT_HANDSHAKING, FINISHED -> {
                    in.flip();
                    if (!in.hasRemaining()) {
                        in.clear();
                        return wrapped;
                    }
                    SSLEngineResult r = e.unwrap(in, app);
                    in.compact();
                    app.clear();
                    if (r.getStatus() == SSLEngineResult.Status.BUFFER_UNDERFLOW
                            || (r.bytesConsumed() == 0 && r.getHandshakeStatus() == hs)) {
                        return wrapped;
                    }
                }
                default -> throw new IllegalStateException(hs.toString());
            }
        }
        return wrapped;
    }

    /**
     * Sends {@code message} from {@code from} to {@code to} as TLS records, one record at a time:
     * wrap into {@code net}, unwrap into {@code app}. Returns the bytes unwrapped (all of them).
     */
    public static int transfer(SSLEngine from, SSLEngine to, ByteBuffer message, ByteBuffer net, ByteBuffer app)
            throws SSLException {
        int received = 0;
        while (message.hasRemaining()) {
            net.clear();
            SSLEngineResult w = from.wrap(message, net);
            if (w.getStatus() != SSLEngineResult.Status.OK) {
                throw new SSLException("wrap: " + w);
            }
            net.flip();
            while (net.hasRemaining()) {
                app.clear();
                SSLEngineResult u = to.unwrap(net, app);
                if (u.getStatus() != SSLEngineResult.Status.OK) {
                    throw new SSLException("unwrap: " + u);
                }
                received += u.bytesProduced();
            }
        }
        return received;
    }
}
