package dev.marcom.cli;

import dev.marcom.MarcomException;
import dev.marcom.identity.KnownPeers;
import dev.marcom.transport.SecureChannel;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code marcom listen}: serve chat sessions, each client its own session. */
@Command(name = "listen", mixinStandardHelpOptions = true,
    description = {"Wait for peers and chat: each stdin line goes to every connected peer; "
        + "/send PATH sends a file to each; /quit or end of input closes every session cleanly.",
        "Clients are trusted like OpenSSH's authorized_keys: with --trust strict only clients "
            + "whose fingerprint is listed in known_peers are accepted."})
final class ListenCommand implements Callable<Integer> {
  @CommandLine.ParentCommand
  Marcom app;

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Option(names = "--bind", defaultValue = "127.0.0.1", paramLabel = "ADDR",
      description = "Address to listen on (default: ${DEFAULT-VALUE}).")
  String bind;

  @Option(names = "--port", defaultValue = "30000", paramLabel = "N",
      description = "TCP port; 0 picks a free one (default: ${DEFAULT-VALUE}).")
  int port;

  @Option(names = "--once", description = "Serve one session, then exit with its code.")
  boolean once;

  @Mixin
  ChatOptions options;

  private final List<PeerSession> sessions = new CopyOnWriteArrayList<>();
  private final CompletableFuture<CloseReason> first = new CompletableFuture<>();

  @Override
  public Integer call() throws Exception {
    if (port < 0 || port > 65535) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--port must be 0..65535");
    }
    try (ChatSetup setup = ChatSetup.create(app, spec, options);
        ServerSocket server = new ServerSocket()) {
      server.bind(new InetSocketAddress(InetAddress.getByName(bind), port));
      int actual = server.getLocalPort();
      setup.terminal.info("listening on " + bind + ":" + actual);
      setup.terminal.event(JsonLine.event("listening").put("address", bind).put("port", actual));
      KnownPeers known = KnownPeers.open(setup.home.directory().resolve(KnownPeers.FILE_NAME));
      Thread acceptor = new Thread(() -> acceptLoop(server, setup, known), "marcom-accept");
      acceptor.setDaemon(true);
      acceptor.start();
      ChatRunner.run(new InputLines(app.stdin()), () -> sessions, setup.terminal,
          () -> once && first.isDone());
      server.close();
      for (PeerSession s : sessions) {
        s.close();
      }
      for (PeerSession s : sessions) {
        s.ended().get(30, TimeUnit.SECONDS);
      }
      return once && first.isDone() ? first.get().exitCode() : ExitCodes.OK;
    }
  }

  private void acceptLoop(ServerSocket server, ChatSetup setup, KnownPeers known) {
    while (!server.isClosed()) {
      Socket socket;
      try {
        socket = server.accept();
      } catch (SocketException closed) {
        return;
      } catch (IOException e) {
        setup.terminal.info("marcom: accept failed: " + e.getMessage());
        return;
      }
      if (once) {
        try {
          server.close(); // one session only: refuse further clients
        } catch (IOException ignored) {
          // closing anyway
        }
      }
      Thread t = new Thread(() -> serve(socket, setup, known), "marcom-session");
      t.setDaemon(true);
      t.start();
    }
  }

  private void serve(Socket socket, ChatSetup setup, KnownPeers known) {
    String from = socket.getRemoteSocketAddress().toString();
    ClientTrust trust = new ClientTrust(known, options.trust == ChatOptions.Trust.strict);
    SecureChannel channel;
    try {
      channel = SecureChannel.accept(socket, setup.config(trust, "server"));
    } catch (IOException | MarcomException e) {
      CloseReason reason = CloseReason.of(e);
      setup.terminal.info("marcom: handshake with " + from + " failed: "
          + (reason == CloseReason.SECURITY_FAILURE ? "security failure: " : "network failure: ")
          + e.getMessage());
      setup.terminal.event(JsonLine.event("error").put("message", String.valueOf(e.getMessage())));
      setup.terminal.event(JsonLine.event("closed").put("reason", reason.wire()));
      first.complete(reason);
      return;
    }
    setup.announce(channel, trust.newPeer());
    PeerSession session = new PeerSession(channel, setup.terminal, setup.receiveDir,
        setup.recorder());
    sessions.add(session);
    session.ended().whenComplete((reason, e) -> {
      sessions.remove(session);
      first.complete(reason);
    });
    session.start();
  }
}
