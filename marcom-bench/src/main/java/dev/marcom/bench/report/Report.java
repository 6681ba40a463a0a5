package dev.marcom.bench.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Turns the JSON of one or more runs (one per JDK) into {@code report.md}, {@code report.json}
 * (the results, plus a {@code ratios} object of the first run and ratios per run) and PNG charts.
 * A plain main, run by {@code bench.sh} after the benchmarks; it never measures anything.
 *
 * <p>Usage: {@code Report --out DIR --run LABEL=RUNDIR [--run LABEL=RUNDIR ...]}; the first run
 * is the primary one (the targets are stated for JDK 17).
 */
public final class Report {
    private static final ObjectMapper JSON = new ObjectMapper();

    private Report() {}

    /** A labelled run. */
    public record Run(String label, Results results, Ratios ratios) {}

    public static void main(String[] args) throws IOException {
        System.setProperty("java.awt.headless", "true");
        Path out = null;
        List<Run> runs = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--out" -> out = Path.of(args[++i]);
                case "--run" -> {
                    String[] kv = args[++i].split("=", 2);
                    Results r = Results.read(Path.of(kv[1]));
                    runs.add(new Run(kv[0], r, Ratios.compute(r)));
                }
                default -> throw new IllegalArgumentException("unknown argument " + args[i]);
            }
        }
        if (out == null || runs.isEmpty()) {
            throw new IllegalArgumentException("usage: Report --out DIR --run LABEL=DIR ...");
        }
        Files.createDirectories(out);
        for (Run run : runs) {
            Charts.throughput(
                    run.results(),
                    run.label(),
                    out.resolve("throughput-" + run.label() + ".png").toFile());
            Charts.net(
                    run.results(),
                    run.label(),
                    out.resolve("net-" + run.label() + ".png").toFile());
            if (!run.results().cold().isEmpty()) {
                Charts.cold(
                        run.results(),
                        run.label(),
                        out.resolve("cold-" + run.label() + ".png").toFile());
            }
        }
        Files.writeString(out.resolve("report.md"), markdown(runs, out));
        JSON.writerWithDefaultPrettyPrinter()
                .writeValue(out.resolve("report.json").toFile(), json(runs));
        System.out.println("wrote " + out.resolve("report.md") + ", report.json and charts");
    }

    // ---- report.json -------------------------------------------------------------------------

    static ObjectNode json(List<Run> runs) {
        ObjectNode root = JSON.createObjectNode();
        root.put("generated", java.time.Instant.now().toString());
        root.put("primary", runs.get(0).label());
        root.set("ratios", ratiosNode(runs.get(0).ratios()));
        ObjectNode targets = root.putObject("targets");
        for (Ratios.Def d : Ratios.DEFS) {
            if (d.target() != null) {
                ObjectNode t = targets.putObject(d.key());
                t.put("description", d.description());
                t.put("target", d.target());
                t.put("comparison", d.lowerIsBetter() ? "<=" : ">=");
                Double v = runs.get(0).ratios().values().get(d.key());
                Optional<Boolean> met = Ratios.met(d, v);
                if (met.isPresent()) {
                    t.put("met", met.get());
                } else {
                    t.putNull("met");
                }
            }
        }
        root.set("wire", wireNode(runs.get(0).results()));
        root.set("interleaved", InterleavedRatios.json(runs.get(0).results()));
        ObjectNode byRun = root.putObject("runs");
        for (Run run : runs) {
            ObjectNode r = byRun.putObject(run.label());
            r.set("env", run.results().env());
            r.set("ratios", ratiosNode(run.ratios()));
            r.set("wire", wireNode(run.results()));
            r.set("interleaved", InterleavedRatios.json(run.results()));
            ArrayNode missing = r.putArray("missing");
            run.ratios().missing().forEach(missing::add);
            ArrayNode results = r.putArray("results");
            run.results().entries().forEach(e -> results.add(e.json()));
            ArrayNode cold = r.putArray("coldStart");
            run.results().cold().forEach(cold::add);
        }
        return root;
    }

    /** What {@code WireBytes} subjects are named: the suites, then the TLS 1.3 baselines. */
    static final List<String> WIRE_SUBJECTS =
            List.of("classic", "classic-3072", "modern", "pq", "tls13", "tls13-mutual");

    /**
     * Bytes on the wire (medians of {@code WireBytes}' counts): {@code handshakeBytes} (both
     * directions), {@code handshakeBytesToServer}, {@code handshakeBytesToClient} and
     * {@code messageOverheadBytes} (a 1 KiB message's frames minus 1,024), each by subject; a
     * subject that was not counted is null.
     */
    static ObjectNode wireNode(Results results) {
        ObjectNode n = JSON.createObjectNode();
        String[][] figures = {
            {"handshakeBytes", "wire.handshake"},
            {"handshakeBytesToServer", "wire.handshakeToServer"},
            {"handshakeBytesToClient", "wire.handshakeToClient"},
            {"messageOverheadBytes", "wire.messageOverhead"}
        };
        for (String[] f : figures) {
            ObjectNode o = n.putObject(f[0]);
            for (String subject : WIRE_SUBJECTS) {
                Optional<Double> v = Ratios.median(results, Ratios.ref(f[1], "subject", subject));
                if (v.isPresent()) {
                    o.put(subject, Math.round(v.get()));
                } else {
                    o.putNull(subject);
                }
            }
        }
        return n;
    }

    static ObjectNode ratiosNode(Ratios ratios) {
        ObjectNode n = JSON.createObjectNode();
        ratios.values().forEach((k, v) -> {
            if (v == null) {
                n.putNull(k);
            } else {
                n.put(k, Math.round(v * 10000) / 10000.0);
            }
        });
        return n;
    }

    // ---- report.md ---------------------------------------------------------------------------

    /** One table row: a label, a figure, the message size (for MB/s) and baselines to divide by. */
    record Row(String label, Ratios.Ref ref, int size, List<Ratios.Ref> baselines) {}

    static String markdown(List<Run> runs, Path out) {
        StringBuilder md = new StringBuilder();
        Run primary = runs.get(0);
        JsonNode env = primary.results().env();
        md.append("# MARCOM benchmark report\n\n");
        md.append("Mode: ")
                .append(env.path("mode").asText("?"))
                .append(". Machine: ")
                .append(env.path("cpu").asText("?"))
                .append(", ")
                .append(env.path("cores").asText("?"))
                .append(" cores, ")
                .append(env.path("os").asText("?"))
                .append(".\n");
        for (Run run : runs) {
            JsonNode e = run.results().env();
            md.append("- `")
                    .append(run.label())
                    .append("`: ")
                    .append(e.path("javaVm").asText("?"))
                    .append(' ')
                    .append(e.path("javaRuntime").asText("?"))
                    .append(" (")
                    .append(e.path("javaVendor").asText("?"))
                    .append(")");
            String mode = e.path("mode").asText("?");
            if (!mode.equals(env.path("mode").asText("?"))) {
                md.append(", **").append(mode).append(" mode**");
            }
            String cpu = e.path("cpu").asText("?");
            if (!cpu.equals(env.path("cpu").asText("?"))) {
                md.append(", on ").append(cpu);
            }
            md.append(", run ").append(e.path("date").asText("?")).append('\n');
        }
        md.append("\nMedians of the measured iterations; error = half-width of the 99.9 % confidence"
                + " interval of the mean (JMH's); ratios are MARCOM's median over the baseline's."
                + " The figures behind the targets were measured in alternating rounds (bench.sh's"
                + " paired pass): their median is the best round's, their error is over all rounds."
                + " ⚠ marks a figure whose samples spread by more than 2× (not steady, or disturbed).\n\n");

        md.append("## Targets\n\n| ratio | what | target |");
        for (Run run : runs) {
            md.append(' ').append(run.label()).append(" |");
        }
        md.append("\n|---|---|---|");
        runs.forEach(r -> md.append("---|"));
        md.append('\n');
        for (Ratios.Def d : Ratios.DEFS) {
            if (d.target() == null) {
                continue;
            }
            md.append("| `")
                    .append(d.key())
                    .append("` | ")
                    .append(d.description())
                    .append(" | ")
                    .append(d.lowerIsBetter() ? "≤ " : "≥ ")
                    .append(fmt(d.target()))
                    .append(" |");
            for (Run run : runs) {
                Double v = run.ratios().values().get(d.key());
                md.append(' ')
                        .append(
                                v == null
                                        ? "missing"
                                        : fmt(v) + " " + (Ratios.met(d, v).orElse(false) ? "met" : "**missed**"))
                        .append(" |");
            }
            md.append('\n');
        }
        InterleavedRatios.markdown(md, runs);
        md.append("\n## Other ratios\n\n| ratio | what |");
        runs.forEach(r -> md.append(' ').append(r.label()).append(" |"));
        md.append("\n|---|---|");
        runs.forEach(r -> md.append("---|"));
        md.append('\n');
        for (Ratios.Def d : Ratios.DEFS) {
            if (d.target() != null) {
                continue;
            }
            md.append("| `")
                    .append(d.key())
                    .append("` | ")
                    .append(d.description())
                    .append(" |");
            for (Run run : runs) {
                Double v = run.ratios().values().get(d.key());
                md.append(' ').append(v == null ? "missing" : fmt(v)).append(" |");
            }
            md.append('\n');
        }
        for (Run run : runs) {
            section(md, run);
        }
        return md.toString();
    }

    private static void section(StringBuilder md, Run run) {
        Results r = run.results();
        String l = run.label();
        md.append("\n## ").append(l).append("\n\n");
        md.append("![throughput by size](throughput-").append(l).append(".png)\n\n");

        md.append("### Record hot path, in memory (one thread)\n\n");
        List<Row> rows = new ArrayList<>();
        for (int size : Charts.SIZES) {
            String s = Integer.toString(size);
            Ratios.Ref raw = Ratios.ref("RawAesGcmBench.sealOpen", "size", s);
            Ratios.Ref tls = Ratios.ref("TlsEngineBench.wrapUnwrap", "size", s);
            rows.add(new Row("raw JDK AES-GCM encrypt+decrypt (limit)", raw, size, List.of()));
            rows.add(new Row(
                    "MARCOM records seal+open, AEAD part",
                    Ratios.ref("RecordAeadBench.sealOpen", "size", s),
                    size,
                    List.of(raw, tls)));
            for (String[] suite : SUITES) {
                for (String[] m :
                        new String[][] {{"sealOpen", "seal+open"}, {"seal", "seal only"}, {"open", "open only"}}) {
                    rows.add(new Row(
                            "MARCOM " + m[1] + ", " + suite[0] + " (" + suite[1] + " signed)",
                            Ratios.ref("SessionRecordBench." + m[0], "size", s, "suite", suite[0]),
                            size,
                            List.of(raw, tls)));
                }
            }
            rows.add(new Row("JSSE TLS 1.3 wrap+unwrap", tls, size, List.of(raw)));
        }
        table(md, r, rows, List.of("vs raw AES-GCM", "vs TLS 1.3"), true);

        md.append("\n### Signatures alone (1 KiB message)\n\n");
        rows = new ArrayList<>();
        for (String dsa : new String[] {"2048", "3072"}) {
            Ratios.Ref jv = Ratios.ref("RawDsaBench.jdkVerify", "dsa", dsa);
            Ratios.Ref js = Ratios.ref("RawDsaBench.jdkSign", "dsa", dsa);
            rows.add(new Row("JDK SHA256withDSA sign, DSA-" + dsa, js, 0, List.of()));
            rows.add(new Row("JDK SHA256withDSA verify, DSA-" + dsa, jv, 0, List.of()));
            rows.add(new Row(
                    "MARCOM (BouncyCastle, RFC 6979) sign, DSA-" + dsa,
                    Ratios.ref("RawDsaBench.marcomSign", "dsa", dsa),
                    0,
                    List.of(js)));
            Ratios.Ref ossl = Ratios.ref("native.opensslDsaVerify", "dsa", dsa);
            rows.add(new Row(
                    "BouncyCastle DSASigner verify, DSA-" + dsa,
                    Ratios.ref("RawDsaBench.bcVerify", "dsa", dsa),
                    0,
                    List.of(jv, ossl)));
            rows.add(new Row(
                    "MARCOM verify (strict DER, own verifier, key table), DSA-" + dsa,
                    Ratios.ref("RawDsaBench.marcomVerify", "dsa", dsa),
                    0,
                    List.of(jv, ossl)));
            rows.add(new Row(
                    "MARCOM verify, a key's first use (no key table), DSA-" + dsa,
                    Ratios.ref("RawDsaBench.marcomVerifyFirstUse", "dsa", dsa),
                    0,
                    List.of(jv, ossl)));
            rows.add(new Row(
                    "openssl speed dsa" + dsa + " sign (native, same run)",
                    Ratios.ref("native.opensslDsaSign", "dsa", dsa),
                    0,
                    List.of(js)));
            rows.add(new Row("openssl speed dsa" + dsa + " verify (native, same run)", ossl, 0, List.of(jv)));
            rows.add(new Row(
                    "MARCOM open 1 KiB signed message, DSA-" + dsa,
                    Ratios.ref(
                            "SessionRecordBench.open",
                            "size",
                            "1024",
                            "suite",
                            dsa.equals("2048") ? "classic" : "classic-3072"),
                    0,
                    List.of(jv, ossl)));
        }
        table(md, r, rows, List.of("vs JDK", "vs openssl"), false);
        md.append('\n');
        rows = new ArrayList<>();
        Ratios.Ref classicOpen = Ratios.ref("SessionRecordBench.open", "size", "1024", "suite", "classic");
        for (String[] a : new String[][] {{"ed25519", "Ed25519", "modern"}, {"ml-dsa-65", "ML-DSA-65", "pq"}}) {
            Ratios.Ref bc = Ratios.ref("RawSignatureBench.bcVerify", "algorithm", a[0]);
            rows.add(new Row("BouncyCastle " + a[1] + " verify, key decoded once (limit)", bc, 0, List.of()));
            rows.add(new Row(
                    "MARCOM " + a[1] + " sign",
                    Ratios.ref("RawSignatureBench.marcomSign", "algorithm", a[0]),
                    0,
                    List.of()));
            rows.add(new Row(
                    "MARCOM " + a[1] + " verify (SignatureScheme)",
                    Ratios.ref("RawSignatureBench.marcomVerify", "algorithm", a[0]),
                    0,
                    List.of(bc)));
            rows.add(new Row(
                    "MARCOM open 1 KiB signed message, " + a[2] + " (" + a[1] + ")",
                    Ratios.ref("SessionRecordBench.open", "size", "1024", "suite", a[2]),
                    0,
                    List.of(bc, classicOpen)));
        }
        table(md, r, rows, List.of("vs BC verify", "vs classic open"), false);

        md.append("\n### SHA-256 alone (each side of a signed message or stream hashes every byte)\n\n");
        rows = new ArrayList<>();
        for (int size : new int[] {16384, 1 << 20}) {
            String s = Integer.toString(size);
            Ratios.Ref jdk = Ratios.ref("RawSha256Bench.jdk", "size", s);
            // OpenSSL is measured on 16 KiB blocks only: no ratio against it for 1 MiB (ops/s of
            // different sizes).
            Ratios.Ref ossl = size == 16384 ? Ratios.ref("native.opensslSha256", "size", s) : null;
            List<Ratios.Ref> baselines = ossl != null ? List.of(jdk, ossl) : List.of(jdk);
            rows.add(new Row("JDK SHA-256 (SUN provider, what MARCOM uses)", jdk, size, baselines));
            rows.add(new Row("BouncyCastle SHA256Digest", Ratios.ref("RawSha256Bench.bc", "size", s), size, baselines));
            if (ossl != null) {
                rows.add(new Row("openssl speed -bytes 16384 sha256 (native)", ossl, size, List.of(jdk)));
            }
        }
        table(md, r, rows, List.of("vs JDK", "vs openssl"), true);

        md.append("\n### Handshakes, in memory (one thread, both sides)\n\n");
        Ratios.Ref tlsHs = Ratios.ref("HandshakeBench.tls13");
        Ratios.Ref tlsMutual = Ratios.ref("HandshakeBench.tls13Mutual");
        rows = new ArrayList<>();
        for (String[] suite : SUITES) {
            rows.add(new Row(
                    "MARCOM " + suite[0] + ": " + suite[2] + " + " + suite[1] + " (mutual)",
                    Ratios.ref("HandshakeBench.marcom", "suite", suite[0]),
                    0,
                    List.of(tlsHs, tlsMutual)));
        }
        rows.add(new Row(
                "MARCOM classic, one-time KEM keys made ahead (precomputeEphemeralKeys(16))",
                Ratios.ref("HandshakeBench.marcomPrecomputed", "suite", "classic"),
                0,
                List.of(tlsHs, tlsMutual)));
        rows.add(new Row("JSSE TLS 1.3, server certificate", tlsHs, 0, List.of(tlsHs, tlsMutual)));
        rows.add(new Row("JSSE TLS 1.3, mutual", tlsMutual, 0, List.of(tlsHs)));
        table(md, r, rows, List.of("vs TLS 1.3", "vs TLS 1.3 mutual"), false);
        md.append("\nThe native limit of the classic suite's key exchange: `openssl speed ffdh2048`, ")
                .append(Ratios.median(r, Ratios.ref("native.opensslFfdh", "group", "ffdhe2048"))
                        .map(v -> fmt(v) + " ffdhe2048 operations/s (key generation and agreement)")
                        .orElse("missing (no openssl)"))
                .append("; a classic MARCOM handshake does four of them in all (a key generation and an")
                .append(" agreement on each side), the two key generations ahead of time when precomputation")
                .append(" is on.\n");

        md.append("\n### Bytes on the wire (counted, not timed)\n\n");
        wireTable(md, r);

        md.append("\n### Over loopback sockets\n\n![loopback](net-").append(l).append(".png)\n\n");
        rows = new ArrayList<>();
        for (String[] f : new String[][] {
            {"net.bulk", "bulk 256 MiB"},
            {"net.pingPong", "1 KiB ping-pong, round trips"},
            {"net.handshake", "sequential handshakes"}
        }) {
            Ratios.Ref tls = Ratios.ref(f[0], "transport", "tls13");
            Ratios.Ref plain = Ratios.ref(f[0], "transport", "plain");
            rows.add(new Row(f[1] + ": MARCOM", Ratios.ref(f[0], "transport", "marcom"), 0, List.of(tls, plain)));
            rows.add(new Row(f[1] + ": SSLSocket TLS 1.3", tls, 0, List.of(tls, plain)));
            rows.add(new Row(f[1] + ": plain socket (limit)", plain, 0, List.of(tls, plain)));
        }
        table(md, r, rows, List.of("vs TLS 1.3", "vs plain"), false);

        md.append("\n### Memory: heap retained per connection (both ends)\n\n");
        rows = new ArrayList<>();
        for (String state : new String[] {"idle", "streaming"}) {
            Ratios.Ref jsse = Ratios.ref("mem.retained", "impl", "jsse", "state", state);
            rows.add(new Row(
                    "MARCOM Session pair, " + state,
                    Ratios.ref("mem.retained", "impl", "marcom", "state", state),
                    0,
                    List.of(jsse)));
            rows.add(new Row("JSSE SSLEngine pair, " + state, jsse, 0, List.of()));
        }
        table(md, r, rows, List.of("vs JSSE"), false);

        md.append("\n### Cold start (fresh JVM, 1 MiB seal+open back to back)\n\n");
        if (r.cold().isEmpty()) {
            md.append("Not run.\n");
        } else {
            md.append("![cold start](cold-").append(l).append(".png)\n\n");
            md.append("| subject | first op (ms) | first second (MB/s) | steady (MB/s) |"
                    + " steady (≥ 90 %) after (s) | ran for (s) |\n|---|---|---|---|---|---|\n");
            for (JsonNode c : r.cold()) {
                JsonNode tl = c.path("timeline");
                double ran = tl.size() > 0 ? tl.get(tl.size() - 1).get(0).asDouble() : 0;
                md.append("| ")
                        .append(c.path("subject").asText())
                        .append(" | ")
                        .append(fmt(c.path("firstOpMs").asDouble()))
                        .append(" | ")
                        .append(fmt(c.path("firstSecondMBps").asDouble()))
                        .append(" | ")
                        .append(fmt(c.path("steadyMBps").asDouble()))
                        .append(" | ")
                        .append(fmt(c.path("secondsToSteady").asDouble()))
                        .append(" | ")
                        .append(fmt(ran))
                        .append(" |\n");
            }
            md.append("\n\"Steady\" is the median of the last quarter of the run; if the JIT had not"
                    + " finished by then, the run was too short to show it.\n");
        }
        if (!run.ratios().missing().isEmpty()) {
            md.append("\n### Missing\n\n");
            run.ratios().missing().forEach(m -> md.append("- ").append(m).append('\n'));
        }
    }

    /** The suites: name, paired signature, key transport. */
    static final String[][] SUITES = {
        {"classic", "DSA-2048", "ElGamal ffdhe2048"},
        {"classic-3072", "DSA-3072", "ElGamal ffdhe3072"},
        {"modern", "Ed25519", "X25519"},
        {"pq", "ML-DSA-65", "X-Wing"}
    };

    /** Handshake bytes and per-message overhead per subject, beside TLS 1.3's. */
    static void wireTable(StringBuilder md, Results r) {
        md.append("| subject | handshake bytes | client → server | server → client | vs TLS 1.3 |"
                + " 1 KiB message overhead (bytes) | vs TLS 1.3 |\n|---|---|---|---|---|---|---|\n");
        Optional<Double> tlsHs = Ratios.median(r, Ratios.ref("wire.handshake", "subject", "tls13"));
        Optional<Double> tlsMsg = Ratios.median(r, Ratios.ref("wire.messageOverhead", "subject", "tls13"));
        for (String subject : WIRE_SUBJECTS) {
            Optional<Double> hs = Ratios.median(r, Ratios.ref("wire.handshake", "subject", subject));
            Optional<Double> up = Ratios.median(r, Ratios.ref("wire.handshakeToServer", "subject", subject));
            Optional<Double> down = Ratios.median(r, Ratios.ref("wire.handshakeToClient", "subject", subject));
            Optional<Double> msg = Ratios.median(r, Ratios.ref("wire.messageOverhead", "subject", subject));
            md.append("| ")
                    .append(subject)
                    .append(" | ")
                    .append(hs.map(Report::bytes).orElse("missing"))
                    .append(" | ")
                    .append(up.map(Report::bytes).orElse("–"))
                    .append(" | ")
                    .append(down.map(Report::bytes).orElse("–"))
                    .append(" | ")
                    .append(ratio(hs, tlsHs))
                    .append(" | ")
                    .append(msg.map(Report::bytes).orElse("missing"))
                    .append(" | ")
                    .append(ratio(msg, tlsMsg))
                    .append(" |\n");
        }
        md.append("\nMedians over 8 handshakes and 32 messages (DER signatures vary by a byte or two);"
                + " TLS counts every record either engine wrapped during the handshake loop, the"
                + " server's session tickets included.\n");
    }

    private static String ratio(Optional<Double> v, Optional<Double> base) {
        return v.isPresent() && base.isPresent() && base.get() != 0 ? fmt(v.get() / base.get()) : "–";
    }

    /** A byte count, rounded to a whole byte. */
    static String bytes(double v) {
        return String.format(Locale.ROOT, "%,d", Math.round(v));
    }

    private static void table(StringBuilder md, Results r, List<Row> rows, List<String> ratioCols, boolean withSize) {
        md.append("| figure |")
                .append(withSize ? " size |" : "")
                .append(" median | ± error | unit |")
                .append(withSize ? " MB/s |" : "");
        ratioCols.forEach(c -> md.append(' ').append(c).append(" |"));
        md.append("\n|---|")
                .append(withSize ? "---|" : "")
                .append("---|---|---|")
                .append(withSize ? "---|" : "");
        ratioCols.forEach(c -> md.append("---|"));
        md.append('\n');
        for (Row row : rows) {
            Optional<Results.Entry> e = r.find(row.ref().name(), row.ref().params());
            md.append("| ").append(row.label()).append(" |");
            if (withSize) {
                md.append(' ').append(size(row.size())).append(" |");
            }
            if (e.isEmpty()) {
                md.append(" missing | | |").append(withSize ? " |" : "");
                ratioCols.forEach(c -> md.append(" |"));
                md.append('\n');
                continue;
            }
            Results.Score s = e.get().score();
            md.append(' ')
                    .append(fmt(s.median()))
                    .append(s.unsteady() ? " ⚠" : "")
                    .append(" | ")
                    .append(Double.isNaN(s.error()) ? "–" : fmt(s.error()))
                    .append(" | ")
                    .append(s.unit())
                    .append(" |");
            if (withSize) {
                md.append(' ').append(fmt(s.median() * row.size() / 1e6)).append(" |");
            }
            for (int i = 0; i < ratioCols.size(); i++) {
                Ratios.Ref base = i < row.baselines().size() ? row.baselines().get(i) : null;
                Optional<Double> b = base == null || base.equals(row.ref()) ? Optional.empty() : Ratios.median(r, base);
                md.append(' ')
                        .append(b.isPresent() ? fmt(s.median() / b.get()) : "")
                        .append(" |");
            }
            md.append('\n');
        }
    }

    static String size(int bytes) {
        if (bytes >= 1 << 20) {
            return (bytes >> 20) + " MiB";
        }
        return bytes >= 1024 ? (bytes >> 10) + " KiB" : bytes + " B";
    }

    /** Three significant digits, at most two decimals. */
    static String fmt(double v) {
        if (Double.isNaN(v)) {
            return "–";
        }
        double a = Math.abs(v);
        if (a >= 100) {
            return String.format(Locale.ROOT, "%,.0f", v);
        }
        if (a >= 10) {
            return String.format(Locale.ROOT, "%.1f", v);
        }
        return String.format(Locale.ROOT, "%.2f", v);
    }
}
