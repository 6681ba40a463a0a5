package dev.marcom.bench.jmh;

import dev.marcom.MarcomException;
import dev.marcom.bench.Fixtures;
import dev.marcom.handshake.CipherSuite;
import dev.marcom.handshake.Role;
import dev.marcom.identity.DsaKeySize;
import dev.marcom.identity.Identity;
import dev.marcom.internal.session.SessionKeys;
import dev.marcom.session.Inbound;
import dev.marcom.session.Session;
import dev.marcom.session.SessionConfig;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * MARCOM's whole record hot path through the public {@link Session} API: {@code seal} (SHA-256 of
 * the message, DSA signature, AES-GCM records) and {@code open} (AES-GCM, sequence check, SHA-256,
 * DSA verification), for DSA-2048/256 and DSA-3072/256 identities.
 *
 * <p>{@link #sealOpen} is one message sent and received. {@link #seal} is the sender alone
 * (signing-bound); {@link #open} the receiver alone (verification-bound): it opens a batch of
 * messages sealed at set-up, each batch with a fresh receiving {@link Session} built from the
 * same traffic keys (so the frames' sequence numbers line up again); building it costs two HKDF
 * expansions and a {@code Cipher.getInstance}, spread over the batch.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class SessionRecordBench {
  static final int BATCH = 32;

  @Param({"64", "1024", "16384", "1048576"})
  public int size;

  @Param({"2048", "3072"})
  public String dsa;

  private byte[] message;
  private Session client;
  private Session server;
  private Session sealer;
  private SessionKeys receiverKeys;
  private byte[] sendSecret;
  private byte[] receiveSecret;
  private List<List<byte[]>> batch;

  @Setup
  public void setUp() throws MarcomException {
    DsaKeySize size = Fixtures.dsa(dsa);
    CipherSuite suite = CipherSuite.ELGAMAL_FFDHE2048_AES256GCM_SHA256_DSA;
    SessionConfig config = Fixtures.config(size, suite);
    message = Fixtures.pattern(this.size);
    Fixtures.SessionPair pair = Fixtures.handshake(config, config);
    client = pair.client();
    server = pair.server();
    sealer = Fixtures.handshake(config, config).client();

    // For open(): a sender and a receiver keyed directly, so a receiver can be rebuilt per batch.
    Identity id = Fixtures.identity(size);
    byte[] sessionId = Fixtures.secret(32);
    sendSecret = Fixtures.secret(32);
    receiveSecret = Fixtures.secret(32);
    Session batchSender = new Session(new SessionKeys(Role.CLIENT, suite, sessionId,
        id.publicIdentity(), sendSecret.clone(), receiveSecret.clone(), config));
    receiverKeys = new SessionKeys(Role.SERVER, suite, sessionId, id.publicIdentity(),
        /* sendSecret= */ receiveSecret, /* receiveSecret= */ sendSecret, config);
    batch = new java.util.ArrayList<>(BATCH);
    for (int i = 0; i < BATCH; i++) {
      batch.add(Fixtures.splitFrames(batchSender.seal(message)));
    }
    // Check once that the batch opens, so a broken set-up fails loudly instead of measuring.
    open();
  }

  /** Seal one message on the client and open it on the server. */
  @Benchmark
  public Object sealOpen() throws MarcomException {
    Inbound last = null;
    for (byte[] frame : Fixtures.splitFrames(client.seal(message))) {
      last = server.open(frame);
    }
    if (!(last instanceof Inbound.Message)) {
      throw new IllegalStateException("expected a message, got " + last);
    }
    return last;
  }

  /** The sender's side alone: hash, sign, encrypt. */
  @Benchmark
  public byte[] seal() throws MarcomException {
    return sealer.seal(message);
  }

  /** The receiver's side alone: decrypt, check the sequence, hash, verify. */
  @Benchmark
  @OperationsPerInvocation(BATCH)
  public Object open() throws MarcomException {
    Session receiver = new Session(new SessionKeys(Role.SERVER, receiverKeys.suite(),
        receiverKeys.sessionId(), receiverKeys.peer(), receiveSecret.clone(), sendSecret.clone(),
        receiverKeys.config()));
    Inbound last = null;
    for (List<byte[]> frames : batch) {
      for (byte[] frame : frames) {
        last = receiver.open(frame);
      }
      if (!(last instanceof Inbound.Message)) {
        throw new IllegalStateException("expected a message, got " + last);
      }
    }
    return last;
  }
}
