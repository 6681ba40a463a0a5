package dev.marcom.trace;

import dev.marcom.Bytes;
import dev.marcom.handshake.CipherSuite;
import dev.marcom.handshake.Role;
import dev.marcom.identity.Fingerprint;
import java.math.BigInteger;
import java.util.List;
import java.util.Optional;

/**
 * One observable step of the protocol, for teaching and diagnostics. Each event names its
 * {@link Phase}. Values in {@code Optional} secret fields are present only when the application
 * enabled "reveal secrets"; no event ever carries a key, the transported secret or an ElGamal
 * exponent otherwise. Other fields are either on the wire or not secret in the cryptographic
 * sense (nonces, IVs), but some describe plaintext: message digests and signatures let a reader
 * confirm a guessed message. Treat a trace as confidential as the messages themselves.
 */
public sealed interface TraceEvent {

  /**
   * Returns the phase this event belongs to.
   *
   * @return the phase; fixed for each kind of event except {@link Failure}, which carries it
   */
  Phase phase();

  /** A frame of {@code bytes} bytes (header included) was written to or read from the transport. */
  record FrameTransferred(boolean outbound, String frameType, int bytes) implements TraceEvent {
    @Override
    public Phase phase() {
      return Phase.NETWORK;
    }
  }

  /** A handshake message was built or parsed; {@code summary} lists its public fields. */
  record HandshakeMessage(boolean outbound, String name, String summary) implements TraceEvent {
    @Override
    public Phase phase() {
      return Phase.KEY_EXCHANGE;
    }
  }

  /** Version and suite were agreed. */
  record Negotiated(int version, CipherSuite suite) implements TraceEvent {
    @Override
    public Phase phase() {
      return Phase.KEY_EXCHANGE;
    }
  }

  /** The peer's identity signature verified and the trust policy accepted it. */
  record PeerTrusted(Role peerRole, Fingerprint fingerprint) implements TraceEvent {
    @Override
    public Phase phase() {
      return Phase.KEY_EXCHANGE;
    }
  }

  /**
   * HKDF-SHA256 derived the traffic keys. The keys and the transported secret are present only
   * with "reveal secrets". The IVs (nonce bases) are always shown: AES-GCM needs nonces to be
   * unique, not secret, and every {@link AeadRecord} shows its nonce = IV XOR sequence anyway, so
   * a learner can follow the computation.
   */
  record KeysDerived(Bytes sessionId, Optional<Bytes> transportedSecret,
      Optional<Bytes> clientToServerKey, Bytes clientToServerIv,
      Optional<Bytes> serverToClientKey, Bytes serverToClientIv) implements TraceEvent {
    @Override
    public Phase phase() {
      return Phase.KEY_EXCHANGE;
    }
  }

  /** A Finished MAC (key confirmation) was computed ({@code outbound}) or verified. */
  record FinishedMac(boolean outbound, Role of, Bytes mac) implements TraceEvent {
    @Override
    public Phase phase() {
      return Phase.KEY_EXCHANGE;
    }
  }

  /** The handshake completed; the ephemeral ElGamal key and the transported secret are erased. */
  record HandshakeCompleted(Role role, Bytes sessionId, CipherSuite suite, Fingerprint peer)
      implements TraceEvent {
    @Override
    public Phase phase() {
      return Phase.KEY_EXCHANGE;
    }
  }

  /** Traffic keys of one direction were replaced (key update); {@code generation} counts from 0. */
  record KeyUpdated(boolean outbound, int generation) implements TraceEvent {
    @Override
    public Phase phase() {
      return Phase.KEY_EXCHANGE;
    }
  }

  /** A fresh ElGamal key pair y = g^x mod p was generated; x only with "reveal secrets". */
  record ElGamalKeyGenerated(String group, int primeBits, BigInteger generator, int exponentBits,
      Bytes publicKey, Optional<Bytes> privateKey) implements TraceEvent {
    @Override
    public Phase phase() {
      return Phase.ELGAMAL;
    }
  }

  /** The peer's ElGamal value passed the range (1 &lt; v &lt; p-1) and subgroup checks. */
  record ElGamalValueValidated(String what, Bytes value) implements TraceEvent {
    @Override
    public Phase phase() {
      return Phase.ELGAMAL;
    }
  }

  /**
   * The transported secret was encrypted (client, {@code outbound}) or decrypted (server):
   * c1 = g^r mod p, c2 = AES-256-GCM under HKDF(y^r) of the 32-byte secret.
   */
  record ElGamalEncapsulation(boolean outbound, Bytes c1, Bytes c2, Optional<Bytes> secret)
      implements TraceEvent {
    @Override
    public Phase phase() {
      return Phase.ELGAMAL;
    }
  }

  /** A record was sealed ({@code outbound}) or opened with AES-256-GCM. */
  record AeadRecord(boolean outbound, long sequence, Bytes nonce, int plaintextBytes,
      int ciphertextBytes, Bytes tag) implements TraceEvent {
    @Override
    public Phase phase() {
      return Phase.AES_GCM;
    }
  }

  /** A SHA-256 digest was computed over {@code what}. */
  record Digest(String what, Bytes sha256) implements TraceEvent {
    @Override
    public Phase phase() {
      return Phase.SHA256;
    }
  }

  /** A DSA signature was created ({@code outbound}) or verified, by or for {@code signer}. */
  record Signature(boolean outbound, String what, Fingerprint signer, Bytes signature)
      implements TraceEvent {
    @Override
    public Phase phase() {
      return Phase.DSA;
    }
  }

  /** The handshake or session failed in {@code phase}; it is now terminal. */
  record Failure(Phase phase, String reason) implements TraceEvent {
  }

  /** A close_notify was sent or received: the session ended cleanly. */
  record CloseNotify(boolean outbound) implements TraceEvent {
    @Override
    public Phase phase() {
      return Phase.NETWORK;
    }
  }

  /**
   * An authenticated keep-alive record was sent or received: a {@code ping} asks the peer for a
   * sign of life, a pong answers one.
   */
  record KeepAlive(boolean outbound, boolean ping) implements TraceEvent {
    @Override
    public Phase phase() {
      return Phase.NETWORK;
    }
  }

  /** The versions and suites a hello offered, for display. */
  record Offer(List<Integer> versions, List<CipherSuite> suites) implements TraceEvent {
    /**
     * Copies the lists.
     *
     * @param versions the offered protocol versions
     * @param suites the offered suites, in preference order
     * @throws NullPointerException if a list or an element is null
     */
    public Offer {
      versions = List.copyOf(versions);
      suites = List.copyOf(suites);
    }

    @Override
    public Phase phase() {
      return Phase.KEY_EXCHANGE;
    }
  }
}
