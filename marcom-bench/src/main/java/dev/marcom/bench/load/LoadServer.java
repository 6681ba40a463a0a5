package dev.marcom.bench.load;

import dev.marcom.bench.Fixtures;
import dev.marcom.server.Connection;
import dev.marcom.server.Limits;
import dev.marcom.server.MarcomServer;
import dev.marcom.server.SessionHandler;
import dev.marcom.server.Stats;
import dev.marcom.session.VerifiedMessage;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The server side of the load harness: one {@link MarcomServer} on loopback that echoes every
 * message and checks each session's sequence numbers. Idle sessions get no harness state (so the
 * heap measured per idle session is the library's). As a program it is driven over stdin/stdout
 * by {@link LoadDriver}: commands {@code heap}, {@code stats}, {@code quit}, one per line.
 */
final class LoadServer implements AutoCloseable {
  private final MarcomServer server;
  private final Map<Connection, Sequence> sequences = new ConcurrentHashMap<>();
  private final AtomicLong received = new AtomicLong();
  private final AtomicLong echoed = new AtomicLong();
  private final AtomicLong echoRefused = new AtomicLong();
  private final AtomicLong failures = new AtomicLong();
  private final Map<String, AtomicLong> failureTypes = new ConcurrentHashMap<>();

  LoadServer(int maxConnections) throws IOException {
    Limits limits = Limits.builder().maxConnections(maxConnections)
        .maxConnectionsPerAddress(maxConnections).maxHandshakes(2_000).build();
    SessionHandler handler = new SessionHandler() {
      @Override
      public void message(Connection c, VerifiedMessage m) {
        received.incrementAndGet();
        String text = m.text();
        long[] f = Sequence.parse(text);
        sequences.computeIfAbsent(c, k -> new Sequence()).arrived(f[0], f[1]);
        try {
          c.send(text);
          echoed.incrementAndGet();
        } catch (Exception e) {
          echoRefused.incrementAndGet();
        }
      }

      @Override
      public void failed(Connection c, Exception cause) {
        failures.incrementAndGet();
        failureTypes.computeIfAbsent(cause.getClass().getSimpleName(), k -> new AtomicLong())
            .incrementAndGet();
      }

      @Override
      public void closed(Connection c, dev.marcom.server.CloseReason reason) {
        // Keep the sequence of a closed session: its counts are part of the report.
      }
    };
    server = MarcomServer.builder(Fixtures.config(), handler).limits(limits).backlog(4096)
        .bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
  }

  int port() {
    return server.localAddress().getPort();
  }

  /** Used heap after full collections (run with -XX:+UseSerialGC), and open connections. */
  long[] heap() throws InterruptedException {
    long used = 0;
    for (int i = 0; i < 4; i++) {
      System.gc();
      Thread.sleep(200);
      used = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
    return new long[] {used, server.stats().connections()};
  }

  /** Counters as one line of {@code key=value} pairs. */
  String stats() {
    long delivered = 0;
    long duplicated = 0;
    long reordered = 0;
    long misrouted = 0;
    for (Sequence s : sequences.values()) {
      delivered += s.delivered();
      duplicated += s.duplicated();
      reordered += s.reordered();
      misrouted += s.misrouted();
    }
    Stats st = server.stats();
    StringBuilder types = new StringBuilder();
    failureTypes.forEach((k, v) -> types.append(types.length() == 0 ? "" : ",").append(k)
        .append(':').append(v.get()));
    return "received=" + received.get() + " delivered=" + delivered + " duplicated=" + duplicated
        + " reordered=" + reordered + " misrouted=" + misrouted + " echoed=" + echoed.get()
        + " echo_refused=" + echoRefused.get() + " failures=" + failures.get()
        + " connections=" + st.connections() + " handshakes=" + st.handshakes()
        + " established=" + st.established()
        + " rejected=" + st.rejected() + " evicted=" + st.evicted()
        + " failure_types=" + (types.length() == 0 ? "-" : types);
  }

  /** Forgets the sequences of the warm-up sessions. */
  void reset() {
    sequences.clear();
    received.set(0);
    echoed.set(0);
    echoRefused.set(0);
    failures.set(0);
    failureTypes.clear();
  }

  @Override
  public void close() {
    server.close();
  }

  /** Usage: {@code LoadServer <maxConnections>}; prints {@code PORT <n>}, then answers commands. */
  public static void main(String[] args) throws Exception {
    PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
    try (LoadServer s = new LoadServer(Integer.parseInt(args[0]));
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in,
            StandardCharsets.UTF_8))) {
      out.println("PORT " + s.port());
      String line;
      while ((line = in.readLine()) != null) {
        switch (line.trim()) {
          case "heap" -> {
            long[] h = s.heap();
            out.println("HEAP " + h[0] + " " + h[1]);
          }
          case "stats" -> out.println("STATS " + s.stats());
          case "reset" -> {
            s.reset();
            out.println("RESET");
          }
          case "quit" -> {
            out.println("BYE");
            return;
          }
          default -> out.println("ERROR unknown command " + line);
        }
      }
    }
  }
}
