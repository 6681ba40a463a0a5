package dev.marcom.bench.ratio;

import dev.marcom.bench.Result;
import dev.marcom.bench.jmh.HandshakeBench;
import dev.marcom.bench.jmh.RawAesGcmBench;
import dev.marcom.bench.jmh.RawDsaBench;
import dev.marcom.bench.jmh.RecordAeadBench;
import dev.marcom.bench.jmh.SessionRecordBench;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Issue 13's in-memory target ratios (and MARCOM's DSA verification against the JDK's and
 * OpenSSL's) measured inside one JVM, both sides in interleaved slices: each cycle runs every
 * subject of a group once for half a second (the order rotating from cycle to cycle), and each
 * cycle gives one ratio, MARCOM's rate over the baseline's in that cycle. The result is the median
 * of those per-cycle ratios, with its quartiles.
 *
 * <p>Why: this machine's speed drifts by up to 1.6 × over minutes, and JMH measures a figure and
 * its baseline in different forks, minutes apart, so a run's ratio takes the drift for a
 * difference, and a quick run and a full run disagree when the machine changed phase between
 * them. Slices a second apart see the same phase. The subjects are the JMH benches' own code
 * ({@link RecordAeadBench}, {@link RawAesGcmBench}, {@link HandshakeBench}, {@link RawDsaBench},
 * {@link SessionRecordBench}) and {@code openssl speed} run as a process between slices. What it
 * does not remove: both sides share one JVM's JIT decisions (JMH forks each figure separately),
 * and a phase shorter than a slice.
 *
 * <p>Warm-up: 20 s of slices per JVM subject before any measurement, in both modes (the JMH
 * paired pass's 10 × 2 s). Full mode measures 30 cycles, quick mode 12.
 *
 * <p>Usage: {@code Interleaved [--quick] [--cycles N] [--warmup-seconds S] [--group NAME] --out
 * interleaved.json} ({@code --cycles}, {@code --warmup-seconds} and {@code --group} are for
 * development: they override the mode's cycles and the warm-up per subject, and measure one group
 * only: {@code aead}, {@code handshake} or {@code dsa}). Writes {@code interleaved.ratio}
 * (per-cycle ratios, by {@code ratio}) and {@code interleaved.rate} (per-cycle operations per
 * second, by {@code group} and {@code subject}) in JMH's JSON shape.
 */
public final class Interleaved {
    /** Half a second of measured time per subject per cycle (openssl: its one-second minimum). */
    static final long SLICE_NANOS = 500_000_000L;

    /** Warm-up per JVM subject, in both modes. */
    static final long WARMUP_NANOS_PER_SUBJECT = 20_000_000_000L;

    /** A ratio: the key it has in the report, and the subjects it divides. */
    public record Ratio(String key, String subject, String baseline) {}

    /** Subjects measured in the same cycles, and the ratios taken from them. */
    public record Group(String name, List<Subject> subjects, List<Ratio> ratios) {}

    /** A group's outcome: per-cycle rates by subject, per-cycle ratios by key. */
    public record Outcome(Group group, Map<String, double[]> rates, Map<String, double[]> ratios) {}

    private Interleaved() {}

    public static void main(String[] args) throws Exception {
        Integer cycles = null;
        long warmup = WARMUP_NANOS_PER_SUBJECT;
        boolean quick = false;
        Path out = Path.of("interleaved.json");
        String only = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--quick" -> quick = true;
                case "--cycles" -> cycles = Integer.parseInt(args[++i]);
                case "--warmup-seconds" -> warmup = Long.parseLong(args[++i]) * 1_000_000_000L;
                case "--out" -> out = Path.of(args[++i]);
                case "--group" -> only = args[++i];
                default -> throw new IllegalArgumentException("unknown argument: " + args[i]);
            }
        }
        if (cycles == null) {
            cycles = quick ? 12 : 30;
        }
        List<Map<String, Object>> results = new ArrayList<>();
        for (Group g : groups(only)) {
            Outcome o = measure(g, cycles, warmup, SLICE_NANOS);
            results.addAll(json(o));
            o.ratios().forEach((key, r) -> {
                Result.Quartiles q = Result.quartiles(r);
                System.out.printf(
                        "%-34s %.3f (quartiles %.3f-%.3f, %d cycles)%n", key, q.median(), q.q1(), q.q3(), q.count());
            });
        }
        Result.writeJson(out, results);
    }

    /**
     * The groups: 16 KiB records, classic handshakes, DSA-2048 opens and verifications; only the
     * one named {@code only} when it is not null.
     *
     * @throws IllegalArgumentException if {@code only} names no group
     */
    static List<Group> groups(String only) throws Exception {
        if (only != null && !List.of("aead", "handshake", "dsa").contains(only)) {
            throw new IllegalArgumentException("unknown group: " + only);
        }
        List<Group> groups = new ArrayList<>();
        if (only == null || only.equals("aead")) {
            groups.add(aead());
        }
        if (only == null || only.equals("handshake")) {
            groups.add(handshake());
        }
        if (only == null || only.equals("dsa")) {
            groups.add(dsa());
        }
        return groups;
    }

    private static Group aead() throws Exception {
        RecordAeadBench record = new RecordAeadBench();
        record.size = 16384;
        record.setUp();
        RawAesGcmBench raw = new RawAesGcmBench();
        raw.size = 16384;
        raw.setUp();
        return new Group(
                "aead",
                List.of(Subject.timed("record", record::sealOpen), Subject.timed("raw", raw::sealOpen)),
                List.of(new Ratio("record_16k_vs_raw_aesgcm", "record", "raw")));
    }

    private static Group handshake() throws Exception {
        HandshakeBench handshakes = new HandshakeBench();
        HandshakeBench.Marcom marcom = new HandshakeBench.Marcom();
        marcom.suite = "classic";
        marcom.setUp();
        HandshakeBench.Jsse jsse = new HandshakeBench.Jsse();
        jsse.setUp();
        return new Group(
                "handshake",
                List.of(
                        Subject.timed("marcom", () -> handshakes.marcom(marcom)),
                        Subject.timed("tls13", () -> handshakes.tls13(jsse))),
                List.of(new Ratio("handshake_vs_tls13", "marcom", "tls13")));
    }

    private static Group dsa() throws Exception {
        SessionRecordBench opens = new SessionRecordBench();
        opens.size = 1024;
        opens.suite = "classic";
        opens.setUp();
        RawDsaBench dsa = new RawDsaBench();
        dsa.dsa = "2048";
        dsa.setUp();
        List<Subject> dsaSubjects = new ArrayList<>(List.of(
                new Opens(opens),
                Subject.timed("marcomVerify", () -> {
                    dsa.marcomVerify();
                    return dsa;
                }),
                Subject.timed("marcomVerifyVaried", () -> {
                    dsa.marcomVerifyVaried();
                    return dsa;
                }),
                Subject.timed("jdkVerify", dsa::jdkVerify)));
        List<Ratio> dsaRatios = new ArrayList<>(List.of(
                new Ratio("signed_msgs_vs_raw_dsa_verify", "opens", "jdkVerify"),
                new Ratio("marcom_dsa_verify_vs_jdk", "marcomVerify", "jdkVerify"),
                new Ratio("marcom_dsa_verify_varied_vs_repeated", "marcomVerifyVaried", "marcomVerify"),
                new Ratio("signed_msgs_vs_marcom_dsa_verify_varied", "opens", "marcomVerifyVaried")));
        if (OpensslSpeed.available()) {
            dsaSubjects.add(new OpensslSpeed());
            dsaRatios.add(new Ratio("signed_msgs_vs_native_dsa_verify", "opens", "openssl"));
            dsaRatios.add(new Ratio("marcom_dsa_verify_vs_native", "marcomVerify", "openssl"));
        } else {
            System.out.println("openssl not found: signed_msgs_vs_native_dsa_verify not measured");
        }
        return new Group("dsa", dsaSubjects, dsaRatios);
    }

    /**
     * Warms the group's JVM subjects up in turn for {@code warmupNanos} each, then runs
     * {@code cycles} cycles of one slice per subject, cycle {@code c} starting at subject
     * {@code c mod n}, and divides each ratio's rates cycle by cycle.
     *
     * @throws Exception whatever a subject throws
     */
    static Outcome measure(Group g, int cycles, long warmupNanos, long sliceNanos) throws Exception {
        List<Subject> warm = g.subjects().stream().filter(Subject::inJvm).toList();
        for (long done = 0; done < warmupNanos; done += sliceNanos) {
            for (Subject s : warm) {
                s.run(sliceNanos);
            }
        }
        int n = g.subjects().size();
        Map<String, double[]> rates = new LinkedHashMap<>();
        g.subjects().forEach(s -> rates.put(s.name(), new double[cycles]));
        for (int c = 0; c < cycles; c++) {
            for (int j = 0; j < n; j++) {
                Subject s = g.subjects().get((c + j) % n);
                rates.get(s.name())[c] = s.run(sliceNanos);
            }
        }
        Map<String, double[]> ratios = new LinkedHashMap<>();
        for (Ratio r : g.ratios()) {
            double[] a = rates.get(r.subject());
            double[] b = rates.get(r.baseline());
            if (a == null || b == null) {
                throw new IllegalArgumentException("ratio " + r.key() + " names a subject not in " + g.name());
            }
            double[] q = new double[cycles];
            for (int c = 0; c < cycles; c++) {
                q[c] = a[c] / b[c];
            }
            ratios.put(r.key(), q);
        }
        return new Outcome(g, rates, ratios);
    }

    /** A group's outcome as JMH-shaped JSON entries. */
    static List<Map<String, Object>> json(Outcome o) {
        List<Map<String, Object>> out = new ArrayList<>();
        o.ratios().forEach((key, r) -> out.add(Result.of("interleaved.ratio", Map.of("ratio", key), "ratio", r)));
        o.rates()
                .forEach((subject, r) -> out.add(Result.of(
                        "interleaved.rate", Map.of("group", o.group().name(), "subject", subject), "ops/s", r)));
        return out;
    }

    /**
     * {@link SessionRecordBench#open}: each batch of signed 1 KiB messages is prepared untimed (a
     * handshake and the sealing, as JMH's per-invocation set-up) and opened timed; the rate is
     * messages over the time spent opening.
     */
    private static final class Opens implements Subject {
        private final SessionRecordBench bench;
        private Object sink;

        Opens(SessionRecordBench bench) {
            this.bench = bench;
        }

        @Override
        public String name() {
            return "opens";
        }

        @Override
        public double run(long nanos) throws Exception {
            long measured = 0;
            long messages = 0;
            while (measured < nanos) {
                SessionRecordBench.OpenBatch batch = new SessionRecordBench.OpenBatch();
                batch.prepare(bench);
                long start = System.nanoTime();
                sink = bench.open(batch);
                measured += System.nanoTime() - start;
                messages += SessionRecordBench.BATCH;
            }
            return messages * 1e9 / measured;
        }

        @Override
        public String toString() {
            return "opens (last " + sink + ")";
        }
    }
}
