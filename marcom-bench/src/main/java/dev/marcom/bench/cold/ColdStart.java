package dev.marcom.bench.cold;

import dev.marcom.bench.Fixtures;
import dev.marcom.bench.Tls;
import dev.marcom.internal.record.RecordCipher;
import dev.marcom.internal.record.RecordType;
import dev.marcom.internal.wire.Frames;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Cold start: in a fresh JVM, seals and opens 1 MiB messages back to back for a fixed time and
 * records throughput per 250 ms window, so the report can show how long the JIT takes to reach
 * steady state (the JDK's AES-GCM on 1 MiB buffers runs two orders of magnitude slower until C2
 * compiles its loops). Run one subject per JVM:
 * {@code raw-aesgcm} (JDK AES/GCM encrypt+decrypt), {@code marcom-aead} (MARCOM's record AEAD
 * work, 64 KiB records) or {@code tls13} (JSSE engine wrap+unwrap).
 *
 * <p>Usage: {@code ColdStart SUBJECT SECONDS --out cold-SUBJECT.json}
 */
public final class ColdStart {
    private static final int SIZE = 1024 * 1024;
    private static final long WINDOW_NS = 250_000_000L;

    private ColdStart() {}

    interface Op {
        void run() throws Exception;
    }

    public static void main(String[] args) throws Exception {
        long jvmStartMs =
                java.lang.management.ManagementFactory.getRuntimeMXBean().getStartTime();
        String subject = args[0];
        double seconds = Double.parseDouble(args[1]);
        Path out = Path.of(args.length > 3 && args[2].equals("--out") ? args[3] : "cold.json");
        Op op = switch (subject) {
            case "raw-aesgcm" -> rawAesGcm();
            case "marcom-aead" -> marcomAead();
            case "tls13" -> tls13();
            default -> throw new IllegalArgumentException("subject " + subject);
        };
        long t0 = System.nanoTime();
        long sinceJvmStart = System.currentTimeMillis() - jvmStartMs;
        long end = t0 + (long) (seconds * 1e9);
        List<double[]> timeline = new ArrayList<>();
        long windowStart = t0;
        long windowOps = 0;
        double firstOpMs = -1;
        long now;
        do {
            op.run();
            now = System.nanoTime();
            if (firstOpMs < 0) {
                firstOpMs = (now - t0) / 1e6;
            }
            windowOps++;
            if (now - windowStart >= WINDOW_NS) {
                double mbps = windowOps * (double) SIZE / ((now - windowStart) / 1e9) / 1e6;
                timeline.add(new double[] {(now - t0) / 1e9, mbps});
                windowStart = now;
                windowOps = 0;
            }
        } while (now < end);
        // Steady state: the median of the last quarter of windows; "warm" once a window is >= 90 %.
        int n = timeline.size();
        double[] tail = timeline.subList(Math.max(0, n - Math.max(1, n / 4)), n).stream()
                .mapToDouble(w -> w[1])
                .sorted()
                .toArray();
        double steady = tail[tail.length / 2];
        double warmAt = Double.NaN;
        for (double[] w : timeline) {
            if (w[1] >= 0.9 * steady) {
                warmAt = w[0];
                break;
            }
        }
        double firstSecond = timeline.stream()
                .filter(w -> w[0] <= 1.0 + 1e-9)
                .mapToDouble(w -> w[1])
                .average()
                .orElse(timeline.get(0)[1]);
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("subject", subject);
        r.put("messageBytes", SIZE);
        r.put("jvm", System.getProperty("java.vm.version"));
        r.put("msFromJvmStartToFirstOp", sinceJvmStart);
        r.put("firstOpMs", firstOpMs);
        r.put("firstSecondMBps", firstSecond);
        r.put("steadyMBps", steady);
        r.put("secondsToSteady", warmAt);
        r.put("timeline", timeline);
        System.out.printf(
                "cold %s: first op %.1f ms, first second %.0f MB/s, steady %.0f MB/s" + " reached after %.2f s%n",
                subject, firstOpMs, firstSecond, steady, warmAt);
        dev.marcom.bench.Result.writeJson(out, r);
    }

    private static Op rawAesGcm() throws Exception {
        SecretKeySpec key = new SecretKeySpec(Fixtures.secret(32), "AES");
        Cipher enc = Cipher.getInstance("AES/GCM/NoPadding");
        Cipher dec = Cipher.getInstance("AES/GCM/NoPadding");
        byte[] plain = Fixtures.pattern(SIZE);
        byte[] ct = new byte[SIZE + 16];
        byte[] back = new byte[SIZE];
        byte[] nonce = new byte[12];
        long[] counter = {0};
        return () -> {
            counter[0]++;
            for (int i = 0; i < 8; i++) {
                nonce[4 + i] = (byte) (counter[0] >>> (56 - 8 * i));
            }
            GCMParameterSpec spec = new GCMParameterSpec(128, nonce);
            enc.init(Cipher.ENCRYPT_MODE, key, spec);
            int n = enc.doFinal(plain, 0, SIZE, ct, 0);
            dec.init(Cipher.DECRYPT_MODE, key, spec);
            dec.doFinal(ct, 0, n, back, 0);
        };
    }

    private static Op marcomAead() {
        byte[] secret = Fixtures.secret(32);
        RecordCipher sender = new RecordCipher(secret.clone());
        RecordCipher receiver = new RecordCipher(secret);
        byte[] plain = Fixtures.pattern(SIZE);
        int max = Frames.MAX_RECORD_CONTENT;
        byte[] frame = new byte[RecordCipher.frameSize(max)];
        byte[] none = new byte[0];
        return () -> {
            for (int off = 0; off < SIZE; off += max) {
                sender.seal(RecordType.STREAM_CHUNK, none, plain, off, max, frame, 0);
                receiver.open(frame);
            }
        };
    }

    private static Op tls13() throws Exception {
        Tls.EnginePair p = Tls.handshaken(Tls.context(), false);
        ByteBuffer msg = ByteBuffer.wrap(Fixtures.pattern(SIZE));
        return () -> {
            msg.clear();
            Tls.transfer(p.client, p.server, msg, p.toServer, p.serverApp);
        };
    }
}
