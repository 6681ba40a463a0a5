package dev.marcom.trace;

import dev.marcom.Bytes;
import java.util.Locale;
import java.util.Optional;

/**
 * Plain-text descriptions of {@link TraceEvent}s, one line each, for consoles and logs. Renderers
 * choose colours from {@link TraceEvent#phase()}, never by parsing this text. Long values are
 * abbreviated; secret fields appear only if the event carries them (that is, only when the
 * application enabled "reveal secrets").
 */
public final class TraceText {
  private TraceText() {
  }

  /**
   * Describes an event in one line of text.
   *
   * @param event the event to describe
   * @return the description, without a line break
   */
  public static String describe(TraceEvent event) {
    if (event instanceof TraceEvent.FrameTransferred e) {
      return (e.outbound() ? "→ sent " : "← received ") + e.frameType() + " (" + e.bytes()
          + " bytes)";
    } else if (event instanceof TraceEvent.HandshakeMessage e) {
      return (e.outbound() ? "→ " : "← ") + e.name() + ": " + e.summary();
    } else if (event instanceof TraceEvent.Offer e) {
      return "offering protocol versions " + e.versions() + " and suites " + e.suites();
    } else if (event instanceof TraceEvent.Negotiated e) {
      return "agreed on version " + e.version() + ", suite " + e.suite() + " (ElGamal group "
          + e.suite().groupName() + ")";
    } else if (event instanceof TraceEvent.PeerTrusted e) {
      return e.peerRole().name().toLowerCase(Locale.ROOT) + " identity " + e.fingerprint()
          + " proved its key and was accepted by the trust policy";
    } else if (event instanceof TraceEvent.KeysDerived e) {
      StringBuilder b = new StringBuilder("HKDF-SHA256 derived per-direction AES-256-GCM keys; "
          + "session id " + e.sessionId().abbreviated(6));
      secret(b, "transported secret", e.transportedSecret());
      b.append("; c→s iv ").append(e.clientToServerIv().hex())
          .append(", s→c iv ").append(e.serverToClientIv().hex());
      secret(b, "c→s key", e.clientToServerKey());
      secret(b, "s→c key", e.serverToClientKey());
      return b.toString();
    } else if (event instanceof TraceEvent.FinishedMac e) {
      return (e.outbound() ? "computed " : "verified ") + e.of().name().toLowerCase(Locale.ROOT)
          + " Finished MAC (HMAC-SHA256 key confirmation) " + e.mac().abbreviated(6);
    } else if (event instanceof TraceEvent.HandshakeCompleted e) {
      return "handshake complete as " + e.role().name().toLowerCase(Locale.ROOT) + " with "
          + e.peer() + "; ElGamal private key and transported secret erased (forward secrecy)";
    } else if (event instanceof TraceEvent.KeyUpdated e) {
      return (e.outbound() ? "sending" : "receiving") + " key updated to generation "
          + e.generation();
    } else if (event instanceof TraceEvent.ElGamalKeyGenerated e) {
      StringBuilder b = new StringBuilder("fresh key pair in " + e.group() + " (p: "
          + e.primeBits() + "-bit safe prime, g = " + e.generator() + ", " + e.exponentBits()
          + "-bit exponent x): y = g^x mod p = " + e.publicKey().abbreviated(6));
      secret(b, "x", e.privateKey());
      return b.toString();
    } else if (event instanceof TraceEvent.ElGamalValueValidated e) {
      return "validated " + e.what() + ": 1 < v < p-1 and v in the order-q subgroup "
          + e.value().abbreviated(4);
    } else if (event instanceof TraceEvent.ElGamalEncapsulation e) {
      StringBuilder b = new StringBuilder((e.outbound()
          ? "encrypted a fresh 256-bit secret to the server's key"
          : "decrypted the 256-bit secret with the ephemeral private key")
          + ": c1 = g^r = " + e.c1().abbreviated(4) + ", c2 = AES-GCM(HKDF(y^r), secret) = "
          + e.c2().abbreviated(4));
      secret(b, "secret", e.secret());
      return b.toString();
    } else if (event instanceof TraceEvent.AeadRecord e) {
      return (e.outbound() ? "sealed" : "opened") + " record seq " + e.sequence() + ": nonce "
          + e.nonce().hex() + ", " + e.plaintextBytes() + " plaintext bytes "
          + (e.outbound() ? "→ " : "← ") + e.ciphertextBytes() + " ciphertext bytes, tag "
          + e.tag().hex();
    } else if (event instanceof TraceEvent.Digest e) {
      return "SHA-256 of " + e.what() + " = " + e.sha256().abbreviated(8);
    } else if (event instanceof TraceEvent.Signature e) {
      return (e.outbound() ? "signed " : "verified signature on ") + e.what()
          + (e.outbound() ? " with " : " by ") + e.signer() + ": " + e.signature().abbreviated(6);
    } else if (event instanceof TraceEvent.Failure e) {
      return "FAILED: " + e.reason();
    } else if (event instanceof TraceEvent.KeepAlive e) {
      String what = e.ping() ? "keep-alive ping" : "keep-alive pong";
      return e.outbound() ? "→ " + what + " sent" : "← " + what + " received";
    } else if (event instanceof TraceEvent.CloseNotify e) {
      return e.outbound() ? "→ close_notify sent: this side is done" : "← close_notify received:"
          + " the peer closed cleanly";
    }
    return event.toString();
  }

  private static void secret(StringBuilder b, String name, Optional<Bytes> value) {
    value.ifPresent(v -> b.append("; [SECRET] ").append(name).append(" = ").append(v.hex()));
  }
}
