package dev.marcom.examples;

import dev.marcom.identity.Identity;
import dev.marcom.identity.TrustPolicy;
import dev.marcom.session.SessionConfig;
import dev.marcom.session.VerifiedMessage;
import dev.marcom.transport.SecureChannel;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.security.SecureRandom;
import java.util.concurrent.CompletableFuture;

/** The README's quick-start example; ReadmeExampleTest runs it and checks the README shows it. */
public final class QuickStart {
  private QuickStart() {
  }

  public static String run() throws Exception {
    // README-BEGIN
    Identity alice = Identity.generate(new SecureRandom());   // long-term DSA 2048/256 keys
    Identity bob = Identity.generate(new SecureRandom());
    try (ServerSocket listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      var server = CompletableFuture.supplyAsync(() -> {
        var config = SessionConfig.builder(bob, TrustPolicy.pinned(alice.fingerprint())).build();
        try (SecureChannel channel = SecureChannel.accept(listener.accept(), config)) {
          VerifiedMessage m = channel.receive().orElseThrow();  // decrypted + signature verified
          channel.send("hello " + m.signer().fingerprint());
          return m.text();
        } catch (Exception e) {
          throw new IllegalStateException(e);
        }
      });
      var config = SessionConfig.builder(alice, TrustPolicy.pinned(bob.fingerprint())).build();
      try (SecureChannel channel = SecureChannel.connect(
          new Socket(InetAddress.getLoopbackAddress(), listener.getLocalPort()), config)) {
        channel.send("hi Bob, it's Alice");
        System.out.println(channel.receive().orElseThrow().text());
      }
      System.out.println("server got: " + server.get());
      // README-END
      return server.get();
    }
  }
}
