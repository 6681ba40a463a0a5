package dev.marcom.cli;

import dev.marcom.MarcomException;
import dev.marcom.identity.Fingerprint;
import dev.marcom.identity.KnownPeerPolicy;
import dev.marcom.identity.KnownPeers;
import dev.marcom.identity.TrustPolicy;
import dev.marcom.transport.SecureChannel;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code marcom connect HOST[:PORT]}: a chat session with a listening peer. */
@Command(name = "connect", mixinStandardHelpOptions = true,
    description = {"Connect to a peer and chat: each stdin line is a signed, encrypted message; "
        + "/send PATH sends a file; /help lists the commands; /quit, end of input, Ctrl-C or "
        + "SIGTERM close the session cleanly (close_notify).",
        "Received messages go to stdout, diagnostics to stderr."})
final class ConnectCommand implements Callable<Integer> {
  @CommandLine.ParentCommand
  Marcom app;

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Parameters(paramLabel = "HOST[:PORT]", description = "The peer (default port 30000).")
  String target;

  @Option(names = "--expect", paramLabel = "FINGERPRINT",
      description = "Accept only this server identity (SHA256:...).")
  String expect;

  @Mixin
  ChatOptions options;

  private static final int CONNECT_TIMEOUT_MS = 10_000;

  @Override
  public Integer call() throws Exception {
    HostPort hp;
    Fingerprint expected = null;
    try {
      hp = HostPort.parse(target);
      if (expect != null) {
        expected = Fingerprint.parse(expect);
      }
    } catch (IllegalArgumentException e) {
      throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
    }
    try (ChatSetup setup = ChatSetup.create(app, spec, options)) {
      KnownPeers known = KnownPeers.open(setup.home.directory().resolve(KnownPeers.FILE_NAME));
      KnownPeerPolicy policy = options.trust == ChatOptions.Trust.strict
          ? known.strict(hp.address()) : known.tofu(hp.address());
      TrustPolicy trust = expected == null ? policy : TrustPolicy.expect(expected).and(policy);
      SecureChannel channel;
      try {
        channel = SecureChannel.connect(open(hp), setup.config(trust, "client"));
      } catch (IOException | MarcomException e) {
        setup.terminal.event(JsonLine.event("error").put("message", String.valueOf(e.getMessage())));
        setup.terminal.event(JsonLine.event("closed").put("reason",
            CloseReason.of(e).wire()));
        throw e;
      }
      setup.announce(channel, policy.decision().map(KnownPeerPolicy.Decision::newPeer)
          .orElse(false));
      PeerSession session;
      try {
        session = new PeerSession(channel, setup.terminal, setup.receiveDir, setup.recorder());
      } catch (IOException e) {
        channel.close();
        throw new IllegalArgumentException("cannot create the transcript: " + e.getMessage(), e);
      }
      OpenSessions sessions = new OpenSessions();
      sessions.add(session);
      try (ExitHook hook = setup.closeOnSignal(sessions, () -> { })) {
        session.start();
        // End of input, like /quit, closes the session: `echo hi | marcom connect` sends and ends.
        ChatRunner.run(new InputLines(app.stdin()), sessions::list, setup.terminal,
            () -> session.ended().isDone());
        sessions.closeAll(ChatSetup.CLOSE_WAIT);
      }
      return session.ended().get(30, TimeUnit.SECONDS).exitCode();
    }
  }

  /**
   * A socket connected to {@code hp}; failures say what happened in the user's terms ("unknown
   * host x", "cannot connect to x:1: connection refused") instead of the JDK's bare text.
   */
  private static Socket open(HostPort hp) throws IOException {
    InetSocketAddress address = new InetSocketAddress(hp.host(), hp.port());
    if (address.isUnresolved()) {
      throw new UnknownHostException("unknown host " + hp.host());
    }
    Socket socket = new Socket();
    try {
      socket.connect(address, CONNECT_TIMEOUT_MS);
      return socket;
    } catch (IOException e) {
      socket.close();
      String why = e instanceof SocketTimeoutException
          ? "no answer within " + CONNECT_TIMEOUT_MS / 1000 + " s" : reason(e);
      throw new IOException("cannot connect to " + hp.address() + ": " + why, e);
    }
  }

  /** The JDK's text for a socket failure ("Connection refused") as the end of our sentence. */
  static String reason(IOException e) {
    String m = String.valueOf(e.getMessage());
    return m.isEmpty() ? e.getClass().getSimpleName()
        : m.substring(0, 1).toLowerCase(Locale.ROOT) + m.substring(1);
  }
}
