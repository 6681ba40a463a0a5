package dev.marcom.cli;

import dev.marcom.CipherSuite;
import dev.marcom.SignatureAlgorithm;
import dev.marcom.identity.Identity;
import dev.marcom.identity.TrustPolicy;
import dev.marcom.session.SessionConfig;
import dev.marcom.session.VerifiedMessage;
import dev.marcom.trace.Phase;
import dev.marcom.transport.SecureChannel;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.security.SecureRandom;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code marcom demo}: two peers in one process over loopback TCP, printing every protocol step.
 * Each peer pins the other's fingerprint, as two people who exchanged fingerprints would. Both
 * identities use the signature algorithm paired with the chosen suite, so the trace shows one
 * generation of primitives: ElGamal and DSA, X25519 and Ed25519, or X-Wing and ML-DSA-65.
 */
@Command(
        name = "demo",
        mixinStandardHelpOptions = true,
        description = "Run a server and a client in this process over loopback TCP: the full "
                + "handshake and N signed messages each way, with the colour-coded trace of every phase.")
final class DemoCommand implements Callable<Integer> {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(
            names = "--messages",
            defaultValue = "3",
            paramLabel = "N",
            description = "Messages each way (default: ${DEFAULT-VALUE}).")
    int messages;

    @Option(names = "--no-color", description = "Plain text, no ANSI colours.")
    boolean noColor;

    @Option(
            names = "--reveal-secrets",
            description = "TEACHING ONLY: show keys and the transported secret in the trace.")
    boolean revealSecrets;

    @Option(
            names = "--suite",
            paramLabel = "NAME",
            converter = AlgorithmNames.SuiteConverter.class,
            completionCandidates = AlgorithmNames.SuiteCandidates.class,
            description = {
                "Suite: ${COMPLETION-CANDIDATES} (default: classic). The identities use the suite's "
                        + "paired signature algorithm: DSA, Ed25519 (modern) or ML-DSA-65 (pq)."
            })
    CipherSuite suite;

    /** The older way to choose the classic suite's size, kept as an alias of --suite. */
    @Option(
            names = "--bits",
            paramLabel = "2048|3072",
            description = "As --suite classic (2048) or --suite classic-3072 (3072).")
    Integer bits;

    @Override
    public Integer call() throws Exception {
        if (messages < 0 || messages > 10_000) {
            throw new picocli.CommandLine.ParameterException(
                    spec.commandLine(), "--messages must be between 0 and 10000");
        }
        CipherSuite chosen = chosenSuite();
        SignatureAlgorithm algorithm = chosen.pairedSignature();
        PrintWriter out = spec.commandLine().getOut();
        Style style = noColor ? Style.plain() : Style.detect(true);
        Object lock = new Object();
        out.println("suite " + chosen.suiteName() + ": key transport " + chosen.keyTransport()
                + ", AES-256-GCM, HKDF-SHA256; both identities sign with " + algorithm.displayName());
        legend(out, style, chosen, algorithm);
        if (revealSecrets) {
            out.println(style.warning(" REVEAL SECRETS IS ON: keys are printed; anyone who sees this "
                    + "output can decrypt the session. For teaching only. "));
        }
        SecureRandom random = new SecureRandom();
        Identity serverId = Identity.generate(algorithm, random);
        Identity clientId = Identity.generate(algorithm, random);
        out.println("server identity " + serverId.fingerprint() + " (" + algorithm.displayName() + ")");
        out.println("client identity " + clientId.fingerprint() + " (" + algorithm.displayName() + ")");
        SessionConfig serverConfig = SessionConfig.builder(serverId, TrustPolicy.pinned(clientId.fingerprint()))
                .suites(chosen)
                .revealSecrets(revealSecrets)
                .trace(new TracePrinter(out, style, "server", lock))
                .build();
        SessionConfig clientConfig = SessionConfig.builder(clientId, TrustPolicy.pinned(serverId.fingerprint()))
                .suites(chosen)
                .revealSecrets(revealSecrets)
                .trace(new TracePrinter(out, style, "client", lock))
                .build();

        ExecutorService pool = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "marcom-demo-server");
            t.setDaemon(true);
            return t;
        });
        try (ServerSocket listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            say(out, lock, style, "server listening on 127.0.0.1:" + listener.getLocalPort());
            Future<Integer> server = pool.submit(() -> serve(listener, serverConfig, out, lock, style));
            int received;
            try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), listener.getLocalPort());
                    SecureChannel channel = SecureChannel.connect(socket, clientConfig)) {
                say(
                        out,
                        lock,
                        style,
                        "client connected; suite " + channel.session().suite().suiteName() + ", session "
                                + channel.session().sessionId().abbreviated(6));
                received = 0;
                for (int i = 1; i <= messages; i++) {
                    String text = "message " + i + " from the client";
                    say(out, lock, style, "client sends: " + text);
                    channel.send(text);
                    VerifiedMessage reply =
                            channel.receive().orElseThrow(() -> new java.io.IOException("server closed early"));
                    say(
                            out,
                            lock,
                            style,
                            "client received #" + reply.sequence() + " ("
                                    + reply.signer().algorithm().displayName() + " signature verified): "
                                    + reply.text());
                    received++;
                }
            }
            int serverReceived = get(server);
            say(
                    out,
                    lock,
                    style,
                    "done: client received " + received + ", server received " + serverReceived
                            + " verified messages; both sides closed cleanly");
            return ExitCodes.OK;
        } finally {
            pool.shutdownNow();
        }
    }

    /** The suite --suite and --bits ask for (classic if neither); they must agree. */
    private CipherSuite chosenSuite() {
        CipherSuite fromBits = null;
        if (bits != null) {
            if (bits != 2048 && bits != 3072) {
                throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--bits must be 2048 or 3072");
            }
            fromBits = bits == 3072 ? CipherSuite.CLASSIC_3072 : CipherSuite.CLASSIC;
        }
        if (suite != null && fromBits != null && suite != fromBits) {
            throw new picocli.CommandLine.ParameterException(
                    spec.commandLine(),
                    "--bits " + bits + " means --suite " + fromBits.suiteName() + ", not --suite " + suite.suiteName()
                            + "; give one of them");
        }
        return suite != null ? suite : fromBits != null ? fromBits : CipherSuite.CLASSIC;
    }

    private static int get(Future<Integer> f) throws Exception {
        try {
            return f.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof Exception cause) {
                throw cause;
            }
            throw e;
        }
    }

    private int serve(ServerSocket listener, SessionConfig config, PrintWriter out, Object lock, Style style)
            throws Exception {
        int count = 0;
        try (SecureChannel channel = SecureChannel.accept(listener.accept(), config)) {
            while (true) {
                var m = channel.receive();
                if (m.isEmpty()) {
                    say(out, lock, style, "server: client closed the session cleanly");
                    return count;
                }
                count++;
                say(
                        out,
                        lock,
                        style,
                        "server received #" + m.get().sequence() + " ("
                                + m.get().signer().algorithm().displayName() + " signature verified, from "
                                + m.get().signer().fingerprint() + "): "
                                + m.get().text());
                channel.send("reply " + count + " from the server");
            }
        }
    }

    private static void say(PrintWriter out, Object lock, Style style, String text) {
        synchronized (lock) {
            out.println(style.bold("== " + text));
            out.flush();
        }
    }

    /** The colour of each phase this suite and algorithm show, named by its primitive. */
    private static void legend(PrintWriter out, Style style, CipherSuite suite, SignatureAlgorithm algorithm) {
        StringBuilder b = new StringBuilder("phases: ");
        for (Phase p : new Phase[] {
            Phase.NETWORK, Phase.KEY_EXCHANGE, Phase.of(suite), Phase.AES_GCM, Phase.SHA256, Phase.of(algorithm)
        }) {
            String what = p == Phase.of(suite)
                    ? p.name() + " (" + suite.keyTransport() + ")"
                    : p == Phase.of(algorithm) ? p.name() + " (" + algorithm.displayName() + ")" : p.name();
            b.append(style.phase(p, what)).append(' ');
        }
        out.println(b.toString().strip());
        out.flush();
    }
}
