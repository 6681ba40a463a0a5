package dev.marcom.bench.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The ratios the report states, each MARCOM's median over a baseline's median (both in the same
 * unit, so for throughputs higher is better for MARCOM; for memory, lower is). A ratio whose
 * inputs are missing is {@code null} and named in {@link #missing()}.
 */
public final class Ratios {
    /** A figure: a benchmark name and the parameters that pick it. */
    public record Ref(String name, Map<String, String> params) {
        @Override
        public String toString() {
            return params.isEmpty() ? name : name + params;
        }
    }

    /** A ratio definition, with its target if the issue set one. */
    public record Def(String key, String description, Ref marcom, Ref baseline, Double target, boolean lowerIsBetter) {}

    static Ref ref(String name, String... kv) {
        Map<String, String> p = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            p.put(kv[i], kv[i + 1]);
        }
        return new Ref(name, p);
    }

    /** Every ratio the report computes, targets first. */
    public static final List<Def> DEFS = List.of(
            new Def(
                    "record_16k_vs_raw_aesgcm",
                    "record seal+open of 16 KiB, AEAD part, vs raw JDK AES-GCM",
                    ref("RecordAeadBench.sealOpen", "size", "16384"),
                    ref("RawAesGcmBench.sealOpen", "size", "16384"),
                    0.9,
                    false),
            new Def(
                    "bulk_vs_tls13",
                    "bulk 256 MiB over loopback, vs SSLSocket TLS 1.3",
                    ref("net.bulk", "transport", "marcom"),
                    ref("net.bulk", "transport", "tls13"),
                    1.3,
                    false),
            new Def(
                    "handshake_vs_tls13",
                    "full handshakes/s in memory (classic: ffdhe2048, DSA-2048) vs JSSE TLS 1.3 engines",
                    ref("HandshakeBench.marcom", "suite", "classic"),
                    ref("HandshakeBench.tls13"),
                    1.0,
                    false),
            new Def(
                    "signed_msgs_vs_raw_dsa_verify",
                    "signed 1 KiB messages opened/s (DSA-2048) vs raw JDK DSA-2048 verify/s",
                    ref("SessionRecordBench.open", "size", "1024", "suite", "classic"),
                    ref("RawDsaBench.jdkVerify", "dsa", "2048"),
                    0.9,
                    false),
            new Def(
                    "signed_msgs_vs_native_dsa_verify",
                    "signed 1 KiB messages opened/s (DSA-2048) vs openssl speed dsa2048 verify/s",
                    ref("SessionRecordBench.open", "size", "1024", "suite", "classic"),
                    ref("native.opensslDsaVerify", "dsa", "2048"),
                    1.0,
                    false),
            new Def(
                    "handshake_precomputed_vs_tls13",
                    "classic handshakes/s in memory with one-time KEM key pairs made ahead on another"
                            + " thread (precomputeEphemeralKeys(16)) vs JSSE TLS 1.3 engines",
                    ref("HandshakeBench.marcomPrecomputed", "suite", "classic"),
                    ref("HandshakeBench.tls13"),
                    null,
                    false),
            new Def(
                    "handshake_modern_vs_tls13",
                    "full handshakes/s in memory (modern: X25519, Ed25519) vs JSSE TLS 1.3 engines",
                    ref("HandshakeBench.marcom", "suite", "modern"),
                    ref("HandshakeBench.tls13"),
                    3.0,
                    false),
            new Def(
                    "handshake_pq_vs_tls13",
                    "full handshakes/s in memory (pq: X-Wing, ML-DSA-65) vs JSSE TLS 1.3 engines",
                    ref("HandshakeBench.marcom", "suite", "pq"),
                    ref("HandshakeBench.tls13"),
                    1.0,
                    false),
            new Def(
                    "signed_msgs_modern_vs_raw_ed25519_verify",
                    "signed 1 KiB messages opened/s (modern, Ed25519) vs raw BouncyCastle Ed25519 verify/s",
                    ref("SessionRecordBench.open", "size", "1024", "suite", "modern"),
                    ref("RawSignatureBench.bcVerify", "algorithm", "ed25519"),
                    0.9,
                    false),
            new Def(
                    "signed_msgs_modern_vs_classic",
                    "signed 1 KiB messages opened/s, modern (Ed25519) vs classic (DSA-2048)",
                    ref("SessionRecordBench.open", "size", "1024", "suite", "modern"),
                    ref("SessionRecordBench.open", "size", "1024", "suite", "classic"),
                    10.0,
                    false),
            new Def(
                    "memory_idle_vs_jsse",
                    "heap per idle connection vs a JSSE SSLEngine pair",
                    ref("mem.retained", "impl", "marcom", "state", "idle"),
                    ref("mem.retained", "impl", "jsse", "state", "idle"),
                    0.5,
                    true),
            new Def(
                    "memory_streaming_vs_jsse",
                    "heap per connection streaming 16 KiB records vs a JSSE SSLEngine pair",
                    ref("mem.retained", "impl", "marcom", "state", "streaming"),
                    ref("mem.retained", "impl", "jsse", "state", "streaming"),
                    0.5,
                    true),
            new Def(
                    "record_16k_vs_raw_same_bytes",
                    "record seal+open of 16 KiB, AEAD part, vs raw JDK AES-GCM on the record's own input"
                            + " (type, signature prefix, content; 13-byte AAD)",
                    ref("RecordAeadBench.sealOpen", "size", "16384"),
                    ref("RawAesGcmBench.recordShaped", "size", "16384"),
                    null,
                    false),
            new Def(
                    "record_64_vs_raw_aesgcm",
                    "record seal+open of 64 B, AEAD part, vs raw AES-GCM",
                    ref("RecordAeadBench.sealOpen", "size", "64"),
                    ref("RawAesGcmBench.sealOpen", "size", "64"),
                    null,
                    false),
            new Def(
                    "record_1k_vs_raw_aesgcm",
                    "record seal+open of 1 KiB, AEAD part, vs raw AES-GCM",
                    ref("RecordAeadBench.sealOpen", "size", "1024"),
                    ref("RawAesGcmBench.sealOpen", "size", "1024"),
                    null,
                    false),
            new Def(
                    "record_1m_vs_raw_aesgcm",
                    "record seal+open of 1 MiB, AEAD part, vs raw AES-GCM",
                    ref("RecordAeadBench.sealOpen", "size", "1048576"),
                    ref("RawAesGcmBench.sealOpen", "size", "1048576"),
                    null,
                    false),
            new Def(
                    "record_16k_aead_vs_tls13",
                    "record seal+open of 16 KiB, AEAD part, vs TLS 1.3" + " engine wrap+unwrap",
                    ref("RecordAeadBench.sealOpen", "size", "16384"),
                    ref("TlsEngineBench.wrapUnwrap", "size", "16384"),
                    null,
                    false),
            new Def(
                    "record_1m_aead_vs_tls13",
                    "record seal+open of 1 MiB, AEAD part, vs TLS 1.3" + " engine wrap+unwrap",
                    ref("RecordAeadBench.sealOpen", "size", "1048576"),
                    ref("TlsEngineBench.wrapUnwrap", "size", "1048576"),
                    null,
                    false),
            new Def(
                    "signed_1m_vs_tls13",
                    "signed 1 MiB message seal+open (DSA-2048) vs TLS 1.3" + " engine wrap+unwrap",
                    ref("SessionRecordBench.sealOpen", "size", "1048576", "suite", "classic"),
                    ref("TlsEngineBench.wrapUnwrap", "size", "1048576"),
                    null,
                    false),
            new Def(
                    "signed_msgs_vs_marcom_dsa_verify",
                    "signed 1 KiB messages opened/s (DSA-2048) vs MARCOM's own DSA-2048 verify/s",
                    ref("SessionRecordBench.open", "size", "1024", "suite", "classic"),
                    ref("RawDsaBench.marcomVerify", "dsa", "2048"),
                    null,
                    false),
            new Def(
                    "marcom_dsa_verify_vs_jdk",
                    "MARCOM DSA-2048 verify/s (key table) vs raw JDK SHA256withDSA verify/s",
                    ref("RawDsaBench.marcomVerify", "dsa", "2048"),
                    ref("RawDsaBench.jdkVerify", "dsa", "2048"),
                    null,
                    false),
            new Def(
                    "marcom_dsa_verify_varied_vs_repeated",
                    "MARCOM DSA-2048 verify/s over 256 different signatures in turn vs one signature repeated",
                    ref("RawDsaBench.marcomVerifyVaried", "dsa", "2048"),
                    ref("RawDsaBench.marcomVerify", "dsa", "2048"),
                    null,
                    false),
            new Def(
                    "marcom_dsa_first_use_vs_jdk",
                    "MARCOM DSA-2048 verify/s on a key's first use vs raw JDK verify/s",
                    ref("RawDsaBench.marcomVerifyFirstUse", "dsa", "2048"),
                    ref("RawDsaBench.jdkVerify", "dsa", "2048"),
                    null,
                    false),
            new Def(
                    "marcom_dsa3072_verify_vs_jdk",
                    "MARCOM DSA-3072 verify/s (key table) vs raw JDK SHA256withDSA verify/s",
                    ref("RawDsaBench.marcomVerify", "dsa", "3072"),
                    ref("RawDsaBench.jdkVerify", "dsa", "3072"),
                    null,
                    false),
            new Def(
                    "marcom_dsa_verify_vs_native",
                    "MARCOM DSA-2048 verify/s (key table) vs openssl speed dsa2048 verify/s",
                    ref("RawDsaBench.marcomVerify", "dsa", "2048"),
                    ref("native.opensslDsaVerify", "dsa", "2048"),
                    null,
                    false),
            new Def(
                    "signed_sealopen_vs_raw_dsa_sign_verify",
                    "signed 1 KiB seal+open/s vs 1/(1/sign + 1/verify) of raw JDK DSA-2048",
                    ref("SessionRecordBench.sealOpen", "size", "1024", "suite", "classic"),
                    ref("derived.jdkSignThenVerify", "dsa", "2048"),
                    null,
                    false),
            new Def(
                    "handshake_3072_vs_tls13",
                    "full handshakes/s in memory (classic-3072: ffdhe3072, DSA-3072) vs JSSE TLS 1.3 engines",
                    ref("HandshakeBench.marcom", "suite", "classic-3072"),
                    ref("HandshakeBench.tls13"),
                    null,
                    false),
            new Def(
                    "handshake_modern_vs_tls13_mutual",
                    "full handshakes/s in memory (modern) vs JSSE TLS 1.3 with client certificates",
                    ref("HandshakeBench.marcom", "suite", "modern"),
                    ref("HandshakeBench.tls13Mutual"),
                    null,
                    false),
            new Def(
                    "signed_msgs_pq_vs_raw_mldsa65_verify",
                    "signed 1 KiB messages opened/s (pq, ML-DSA-65) vs raw BouncyCastle ML-DSA-65 verify/s",
                    ref("SessionRecordBench.open", "size", "1024", "suite", "pq"),
                    ref("RawSignatureBench.bcVerify", "algorithm", "ml-dsa-65"),
                    null,
                    false),
            new Def(
                    "net_handshake_vs_tls13",
                    "sequential handshakes/s over loopback vs SSLSocket",
                    ref("net.handshake", "transport", "marcom"),
                    ref("net.handshake", "transport", "tls13"),
                    null,
                    false),
            new Def(
                    "pingpong_vs_tls13",
                    "1 KiB ping-pong round trips/s vs SSLSocket (unsigned)",
                    ref("net.pingPong", "transport", "marcom"),
                    ref("net.pingPong", "transport", "tls13"),
                    null,
                    false),
            new Def(
                    "bulk_vs_plain",
                    "bulk over loopback vs a plain socket (the transport limit)",
                    ref("net.bulk", "transport", "marcom"),
                    ref("net.bulk", "transport", "plain"),
                    null,
                    false),
            new Def(
                    "sha256_jdk_vs_openssl",
                    "JDK SHA-256 of 16 KiB (what MARCOM hashes with) vs openssl speed sha256 (native)",
                    ref("RawSha256Bench.jdk", "size", "16384"),
                    ref("native.opensslSha256", "size", "16384"),
                    null,
                    false));

    private final Map<String, Double> values = new LinkedHashMap<>();
    private final List<String> missing = new ArrayList<>();

    /** Computes every ratio of {@link #DEFS} from {@code results}. */
    public static Ratios compute(Results results) {
        return compute(results, DEFS);
    }

    static Ratios compute(Results results, List<Def> defs) {
        Ratios r = new Ratios();
        for (Def d : defs) {
            Optional<Double> m = median(results, d.marcom());
            Optional<Double> b = median(results, d.baseline());
            if (m.isEmpty() || b.isEmpty() || b.get() == 0) {
                r.values.put(d.key(), null);
                List<String> why = new ArrayList<>();
                if (m.isEmpty()) {
                    why.add(d.marcom().toString());
                }
                if (b.isEmpty() || b.get() == 0) {
                    why.add(d.baseline().toString());
                }
                r.missing.add(d.key() + ": missing " + String.join(" and ", why));
            } else {
                r.values.put(d.key(), m.get() / b.get());
            }
        }
        return r;
    }

    /** The median of a figure; derived figures are computed from others. */
    static Optional<Double> median(Results results, Ref ref) {
        if (ref.name().equals("derived.jdkSignThenVerify")) {
            Optional<Double> s = median(results, new Ref("RawDsaBench.jdkSign", ref.params()));
            Optional<Double> v = median(results, new Ref("RawDsaBench.jdkVerify", ref.params()));
            if (s.isEmpty() || v.isEmpty()) {
                return Optional.empty();
            }
            return Optional.of(1 / (1 / s.get() + 1 / v.get()));
        }
        return results.find(ref.name(), ref.params()).map(e -> e.score().median());
    }

    /** Key to value (null when missing), in definition order. */
    public Map<String, Double> values() {
        return values;
    }

    /** One line per ratio that could not be computed, naming the missing figure. */
    public List<String> missing() {
        return missing;
    }

    /** Whether the ratio met its target: empty if it has none or is missing. */
    public static Optional<Boolean> met(Def d, Double value) {
        if (d.target() == null || value == null) {
            return Optional.empty();
        }
        return Optional.of(d.lowerIsBetter() ? value <= d.target() : value >= d.target());
    }
}
