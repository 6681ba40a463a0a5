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
import java.util.List;
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
        + "/send PATH sends a file; /quit or end of input closes cleanly.",
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
        Socket socket = new Socket();
        socket.connect(new InetSocketAddress(hp.host(), hp.port()), 10_000);
        channel = SecureChannel.connect(socket, setup.config(trust, "client"));
      } catch (IOException | MarcomException e) {
        setup.terminal.event(JsonLine.event("error").put("message", String.valueOf(e.getMessage())));
        setup.terminal.event(JsonLine.event("closed").put("reason",
            CloseReason.of(e).wire()));
        throw e;
      }
      setup.announce(channel, policy.decision().map(KnownPeerPolicy.Decision::newPeer)
          .orElse(false));
      PeerSession session = new PeerSession(channel, setup.terminal, setup.receiveDir,
          setup.recorder());
      session.start();
      ChatRunner.run(new InputLines(app.stdin()), () -> List.of(session), setup.terminal,
          () -> session.ended().isDone());
      if (!session.ended().isDone()) {
        session.close();
      }
      return session.ended().get(30, TimeUnit.SECONDS).exitCode();
    }
  }
}
