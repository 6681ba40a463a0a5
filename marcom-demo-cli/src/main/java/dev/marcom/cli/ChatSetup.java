package dev.marcom.cli;

import dev.marcom.CipherSuite;
import dev.marcom.identity.Identity;
import dev.marcom.identity.IdentityFileException;
import dev.marcom.identity.MarcomHome;
import dev.marcom.identity.TrustPolicy;
import dev.marcom.session.SessionConfig;
import dev.marcom.session.VerifiedMessage;
import dev.marcom.transport.SecureChannel;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Consumer;
import picocli.CommandLine.Model.CommandSpec;

/** What {@code listen} and {@code connect} share: terminal, home, identity and session config. */
final class ChatSetup implements AutoCloseable {
    /** How long closing waits for the sessions to end (each peer's close_notify or EOF). */
    static final Duration CLOSE_WAIT = Duration.ofSeconds(10);

    final Terminal terminal;
    final MarcomHome home;
    final Identity identity;
    final Path receiveDir;
    final ReceiveLimits receiveLimits;
    final ChatOptions options;
    private final Transcripts transcripts;

    private ChatSetup(
            Terminal terminal,
            MarcomHome home,
            Identity identity,
            Path receiveDir,
            ChatOptions options,
            Transcripts transcripts) {
        this.terminal = terminal;
        this.home = home;
        this.identity = identity;
        this.receiveDir = receiveDir;
        this.receiveLimits = new ReceiveLimits(options.maxFile, options.receiveQuota);
        this.options = options;
        this.transcripts = transcripts;
    }

    static ChatSetup create(Marcom app, CommandSpec spec, ChatOptions options)
            throws IOException, IdentityFileException {
        checkTimes(spec, options);
        Style style = options.noColor ? Style.plain() : Style.detect(true);
        Terminal terminal = new Terminal(
                spec.commandLine().getOut(), spec.commandLine().getErr(), options.json, style, Tty.console() != null);
        MarcomHome home = HomeIdentity.home(options.home, app.env());
        Identity identity = HomeIdentity.loadOrCreate(home, app.env(), terminal);
        terminal.info("identity " + identity.fingerprint() + " (" + home.directory() + ")");
        if (options.revealSecrets) {
            terminal.info(style.warning(" REVEAL SECRETS IS ON: session keys appear in the trace. "));
        }
        Path receive = options.receiveDir != null
                ? options.receiveDir
                : home.directory().resolve("received");
        return new ChatSetup(
                terminal, home, identity, receive, options, Transcripts.plan(options.transcript, identity));
    }

    /** Refuses timeouts that cannot work together, before anything else happens. */
    private static void checkTimes(CommandSpec spec, ChatOptions o) {
        String problem = null;
        if (o.timeout.toMillis() < 10) {
            problem = "--timeout must be at least 0.01 seconds";
        } else if ((!o.keepAlive.isZero() && o.keepAlive.toMillis() < 10)
                || (!o.idleTimeout.isZero() && o.idleTimeout.toMillis() < 10)) {
            problem = "--keepalive and --idle-timeout must be 0 (off) or at least 0.01 seconds";
        } else if (!o.keepAlive.isZero() && !o.idleTimeout.isZero() && o.idleTimeout.compareTo(o.keepAlive) <= 0) {
            problem = "--idle-timeout must be longer than --keepalive (three times or more is best)";
        }
        if (problem != null) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), problem);
        }
    }

    /** A session config for one connection with {@code trust}. */
    SessionConfig config(TrustPolicy trust, String who) {
        SessionConfig.Builder b = SessionConfig.builder(identity, trust)
                .revealSecrets(options.revealSecrets)
                .handshakeTimeout(options.timeout)
                .keepAliveInterval(options.keepAlive)
                .idleTimeout(options.idleTimeout);
        if (options.suite != null) {
            b.suites(options.suite);
        }
        if (options.trace || options.revealSecrets) {
            b.trace(terminal.tracer(who));
        }
        return b.build();
    }

    /**
     * Records sent and received messages in the transcript, if one was asked for; the file is
     * created by the first call (a session is established by then).
     *
     * @throws IOException if the transcript file cannot be created
     */
    Consumer<VerifiedMessage> recorder() throws IOException {
        transcripts.start();
        return transcripts::record;
    }

    /** Reports an established session: JSON {@code connected} event and a line on stderr. */
    void announce(SecureChannel ch, boolean newPeer) {
        String safety = dev.marcom.identity.SafetyNumber.of(ch.session().localIdentity(), ch.peer())
                .toString();
        CipherSuite suite = ch.session().suite();
        terminal.info("secure session with " + ch.peer().fingerprint() + (newPeer ? " (NEW PEER)" : "") + ", suite "
                + suite.suiteName() + " (" + suite.keyTransport() + "), peer signs with "
                + ch.peer().algorithm().displayName());
        terminal.info("safety number: " + safety);
        terminal.event(JsonLine.event("connected")
                .put("peer", ch.peer().fingerprint().toString())
                .put("safety_number", safety)
                .put("suite", suite.suiteName())
                .put("peer_algorithm", ch.peer().algorithm().shortName())
                .put("new_peer", newPeer)
                .put("session", ch.session().sessionId().hex()));
        if (ch.peer().fingerprint().equals(identity.fingerprint())) {
            // Both ends loaded one identity home: the handshake and the safety number then prove
            // nothing about who is on the other end, so say so loudly.
            String warning = "the peer has YOUR identity " + identity.fingerprint() + ": both ends "
                    + "use the same identity home; this is not a real check of who is on the other end";
            terminal.info(terminal.style().warning("warning: " + warning));
            terminal.event(
                    JsonLine.event("warning").put("kind", "same-identity").put("message", warning));
        }
    }

    /**
     * Installs the SIGINT/SIGTERM hook for a chat: {@code first} (listen: stop accepting), then
     * every session closed with close_notify, so peers report a clean close, then the transcript's
     * signed end line. Close the returned hook when the command ends normally.
     */
    ExitHook closeOnSignal(OpenSessions sessions, Runnable first) {
        return ExitHook.install(() -> {
            first.run();
            int n = sessions.list().size();
            terminal.info("marcom: signal received: "
                    + (n == 0
                            ? "no session open, exiting"
                            : "closing " + (n == 1 ? "the session" : n + " sessions") + " cleanly"));
            try {
                sessions.closeAll(CLOSE_WAIT);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            try {
                close();
            } catch (IOException e) {
                terminal.info("marcom: cannot finish the transcript: " + e.getMessage());
            }
        });
    }

    @Override
    public void close() throws IOException {
        transcripts.close();
    }
}
