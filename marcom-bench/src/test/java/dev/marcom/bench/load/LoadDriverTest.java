package dev.marcom.bench.load;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The load harness, scaled down to seconds (server in the same JVM): every report field is
 * there and the run loses, duplicates, reorders and misroutes nothing. The full-size run is
 * {@code marcom-bench/load.sh --sessions 10000 --active 1000 --seconds 60}.
 */
class LoadDriverTest {

    @Test
    @Timeout(180)
    void aSmallRunDeliversEverythingOnceAndInOrder(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("report.json");
        LoadDriver.main(new String[] {
            "--sessions",
            "60",
            "--active",
            "20",
            "--seconds",
            "3",
            "--interval-ms",
            "200",
            "--slowloris",
            "40",
            "--slowloris-interval-ms",
            "400",
            "--same-jvm",
            "--idle-wait-s",
            "1",
            "--out",
            out.toString()
        });
        JsonNode r = new ObjectMapper().readTree(out.toFile());
        assertThat(r.get("sessions_held").asLong()).isEqualTo(60);
        assertThat(r.get("handshake_failures").asLong()).isZero();
        assertThat(r.get("handshakes_per_s").asDouble()).isPositive();
        assertThat(r.get("messages_sent").asLong()).isGreaterThan(40);
        assertThat(r.get("messages_delivered").asLong())
                .isEqualTo(r.get("messages_sent").asLong());
        for (String zero : new String[] {
            "lost", "duplicated", "reordered", "misrouted", "session_failures_server", "session_failures_client"
        }) {
            assertThat(r.get(zero).asLong()).as(zero).isZero();
        }
        // Live bytes per idle session, both ends (one JVM): about 4.4 KB; the design bound is 16 KiB
        // per end (docs/RELIABILITY.md), and no session pair fits in 1 KiB.
        assertThat(r.get("heap_per_idle_session_bytes").asLong()).isBetween(1_024L, 16_384L);
        assertThat(r.get("server_cpu_ms_per_handshake").asDouble()).isPositive();
        assertThat(dir.resolve("server-histogram.txt")).isNotEmptyFile();
        assertThat(r.get("p50_ms").asDouble()).isPositive();
        assertThat(r.get("p99_ms").asDouble())
                .isGreaterThanOrEqualTo(r.get("p50_ms").asDouble());
        JsonNode slow = r.get("slowloris");
        assertThat(slow.get("probe_handshakes").asLong()).isPositive();
        assertThat(slow.get("probes_within_2s").asLong())
                .isEqualTo(slow.get("probe_handshakes").asLong());
    }
}
