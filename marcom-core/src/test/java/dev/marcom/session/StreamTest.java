package dev.marcom.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.marcom.AuthenticationException;
import dev.marcom.MalformedInputException;
import dev.marcom.identity.TrustPolicy;
import dev.marcom.internal.crypto.Sha256;
import dev.marcom.internal.wire.Frames;
import dev.marcom.testing.Pipe;
import dev.marcom.testing.TestIdentities;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class StreamTest {
  private static Pipe.Result pair(int recordBytes) throws Exception {
    SessionConfig c = SessionConfig.builder(TestIdentities.ALICE, TrustPolicy.acceptAny())
        .recordContentBytes(recordBytes).keyUpdateAfterRecords(5).build();
    SessionConfig s = SessionConfig.builder(TestIdentities.BOB, TrustPolicy.acceptAny()).build();
    return Pipe.handshake(c, s);
  }

  /** Splits concatenated frames. */
  static List<byte[]> split(byte[] frames) throws Exception {
    List<byte[]> out = new ArrayList<>();
    int pos = 0;
    while (pos < frames.length) {
      int len = Frames.HEADER_BYTES + Frames.bodyLength(frames, pos);
      byte[] f = new byte[len];
      System.arraycopy(frames, pos, f, 0, len);
      out.add(f);
      pos += len;
    }
    return out;
  }

  @Test
  void streamRoundTripWithFragmentsAndKeyUpdates() throws Exception {
    Pipe.Result r = pair(1024);
    byte[] data = new byte[50_000];
    new SecureRandom().nextBytes(data);
    List<byte[]> frames = new ArrayList<>();
    frames.addAll(split(r.client().seal("before")));
    frames.addAll(split(r.client().beginStream("file.bin", data.length)));
    for (int off = 0; off < data.length; off += 7000) {
      frames.addAll(split(r.client().sealStreamChunk(data, off, Math.min(7000, data.length - off))));
    }
    frames.addAll(split(r.client().endStream()));
    frames.addAll(split(r.client().seal("after")));

    ByteArrayOutputStream got = new ByteArrayOutputStream();
    List<Inbound> events = new ArrayList<>();
    for (byte[] f : frames) {
      Inbound in = r.server().open(f);
      events.add(in);
      if (in instanceof Inbound.UnverifiedStreamChunk c) {
        ByteBuffer b = c.data();
        byte[] chunk = new byte[b.remaining()];
        b.get(chunk);
        got.write(chunk);
      }
    }
    assertThat(got.toByteArray()).isEqualTo(data);
    List<Inbound> significant = events.stream()
        .filter(e -> !(e instanceof Inbound.Pending) && !(e instanceof Inbound.UnverifiedStreamChunk))
        .toList();
    assertThat(significant).hasSize(4);
    assertThat(((Inbound.Message) significant.get(0)).message().sequence()).isEqualTo(1);
    assertThat(((Inbound.StreamStart) significant.get(1)).name()).isEqualTo("file.bin");
    VerifiedStream vs = ((Inbound.StreamEnd) significant.get(2)).stream();
    assertThat(vs.sequence()).isEqualTo(1); // streams are numbered apart from messages
    assertThat(vs.length()).isEqualTo(data.length);
    assertThat(vs.sha256().toByteArray()).isEqualTo(Sha256.hash(data));
    Session.verify(vs);
    assertThat(((Inbound.Message) significant.get(3)).message().sequence()).isEqualTo(2);
  }

  @Test
  void closeInsideAStreamIsRejected() throws Exception {
    Pipe.Result r = pair(1024);
    r.server().open(r.client().beginStream("x", -1));
    r.server().open(r.client().sealStreamChunk(new byte[10], 0, 10));
    // The sender's close() abandons the stream; the receiver must not take it as complete.
    assertThatThrownBy(() -> r.server().open(r.client().close()))
        .isInstanceOf(MalformedInputException.class);
  }

  @Test
  void lengthMismatchIsRejected() throws Exception {
    Pipe.Result r = pair(1024);
    r.server().open(r.client().beginStream("x", 5));
    assertThatThrownBy(() -> r.server().open(r.client().sealStreamChunk(new byte[6], 0, 6)))
        .isInstanceOf(MalformedInputException.class);
  }

  @Test
  void streamSignatureIsChecked() throws Exception {
    Pipe.Result r = pair(1024);
    r.server().open(r.client().beginStream("x", -1));
    r.server().open(r.client().sealStreamChunk(new byte[10], 0, 10));
    byte[] end = r.client().endStream();
    VerifiedStream ok = ((Inbound.StreamEnd) r.server().open(end)).stream();
    VerifiedStream forged = new VerifiedStream(ok.sessionId(), ok.direction(), ok.sequence(),
        ok.name(), ok.length(), dev.marcom.Bytes.of(new byte[32]), ok.signedData(),
        ok.signature(), ok.signer());
    assertThatThrownBy(() -> Session.verify(forged)).isInstanceOf(AuthenticationException.class);
  }
}
