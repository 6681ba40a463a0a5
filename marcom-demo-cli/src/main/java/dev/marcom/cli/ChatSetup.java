package dev.marcom.cli;

import dev.marcom.identity.Identity;
import dev.marcom.identity.IdentityFileException;
import dev.marcom.identity.MarcomHome;
import dev.marcom.identity.TrustPolicy;
import dev.marcom.session.SessionConfig;
import dev.marcom.session.VerifiedMessage;
import dev.marcom.transport.SecureChannel;
import java.io.IOException;
import java.nio.file.Path;
import java.util.function.Consumer;
import picocli.CommandLine.Model.CommandSpec;

/** What {@code listen} and {@code connect} share: terminal, home, identity and session config. */
final class ChatSetup implements AutoCloseable {
  final Terminal terminal;
  final MarcomHome home;
  final Identity identity;
  final Path receiveDir;
  final ChatOptions options;
  private final Transcripts transcripts;

  private ChatSetup(Terminal terminal, MarcomHome home, Identity identity, Path receiveDir,
      ChatOptions options, Transcripts transcripts) {
    this.terminal = terminal;
    this.home = home;
    this.identity = identity;
    this.receiveDir = receiveDir;
    this.options = options;
    this.transcripts = transcripts;
  }

  static ChatSetup create(Marcom app, CommandSpec spec, ChatOptions options)
      throws IOException, IdentityFileException {
    Style style = options.noColor ? Style.plain() : Style.detect(true);
    Terminal terminal = new Terminal(spec.commandLine().getOut(), spec.commandLine().getErr(),
        options.json, style, System.console() != null);
    MarcomHome home = HomeIdentity.home(options.home, app.env());
    Identity identity = HomeIdentity.loadOrCreate(home, app.env(), terminal);
    terminal.info("identity " + identity.fingerprint() + " (" + home.directory() + ")");
    if (options.revealSecrets) {
      terminal.info(style.warning(" REVEAL SECRETS IS ON: session keys appear in the trace. "));
    }
    Path receive = options.receiveDir != null ? options.receiveDir
        : home.directory().resolve("received");
    return new ChatSetup(terminal, home, identity, receive, options,
        Transcripts.open(options.transcript, identity));
  }

  /** A session config for one connection with {@code trust}. */
  SessionConfig config(TrustPolicy trust, String who) {
    SessionConfig.Builder b = SessionConfig.builder(identity, trust)
        .revealSecrets(options.revealSecrets);
    if (options.trace || options.revealSecrets) {
      b.trace(terminal.tracer(who));
    }
    return b.build();
  }

  /** Records sent and received messages in the transcript, if one was asked for. */
  Consumer<VerifiedMessage> recorder() {
    return transcripts::record;
  }

  /** Reports an established session: JSON {@code connected} event and a line on stderr. */
  void announce(SecureChannel ch, boolean newPeer) {
    String safety = dev.marcom.identity.SafetyNumber.of(ch.session().localIdentity(), ch.peer())
        .toString();
    terminal.info("secure session with " + ch.peer().fingerprint() + (newPeer ? " (NEW PEER)"
        : "") + ", suite " + ch.session().suite());
    terminal.info("safety number: " + safety);
    terminal.event(JsonLine.event("connected").put("peer", ch.peer().fingerprint().toString())
        .put("safety_number", safety).put("suite", ch.session().suite().name())
        .put("new_peer", newPeer).put("session", ch.session().sessionId().hex()));
  }

  @Override
  public void close() throws IOException {
    transcripts.close();
  }
}
