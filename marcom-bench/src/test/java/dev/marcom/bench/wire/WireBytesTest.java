package dev.marcom.bench.wire;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.marcom.bench.Tls;
import dev.marcom.bench.report.Results;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real handshakes and real JSSE engines, counted: figures fixed by the protocols' sizes. */
class WireBytesTest {
    private static Results results;

    @BeforeAll
    static void measure(@TempDir Path dir) throws Exception {
        Path store = dir.resolve("tls.p12");
        Tls.generateKeyStore(store);
        List<Map<String, Object>> list = WireBytes.measure(Tls.context(store));
        ObjectMapper json = new ObjectMapper();
        results = new Results(Results.parse(json.valueToTree(list)), List.of(), json.createObjectNode());
    }

    private static Results.Score score(String name, String subject) {
        return results.find(name, Map.of("subject", subject)).orElseThrow().score();
    }

    @Test
    void tls13RecordOverheadIsAtLeastHeaderContentTypeAndTagAndConstant() {
        // TLSCiphertext header (5) + inner content type (1) + AES-GCM tag (16) at least; JSSE 17
        // writes 16 bytes more (38 in all), as the record's length field shows.
        Results.Score s = score("wire.messageOverhead", "tls13");
        assertThat(s.min()).isGreaterThanOrEqualTo(22).isLessThan(64);
        assertThat(s.max()).isEqualTo(s.min());
    }

    @Test
    void messageOverheadCarriesTheSuitesSignature() {
        // At least the signature: Ed25519 64 bytes, ML-DSA-65 3,309, DER DSA about 70.
        assertThat(score("wire.messageOverhead", "modern").min())
                .isGreaterThan(64)
                .isLessThan(200);
        assertThat(score("wire.messageOverhead", "pq").min())
                .isGreaterThan(3309)
                .isLessThan(3500);
        assertThat(score("wire.messageOverhead", "classic").min())
                .isGreaterThan(64)
                .isLessThan(250);
        // Ed25519's signature has a fixed size, so every modern message has the same overhead.
        assertThat(score("wire.messageOverhead", "modern").max())
                .isEqualTo(score("wire.messageOverhead", "modern").min());
    }

    @Test
    void handshakeBytesAddUpAndGrowWithKeySizes() {
        for (String subject : List.of("classic", "classic-3072", "modern", "pq", "tls13", "tls13-mutual")) {
            Results.Score total = score("wire.handshake", subject);
            double up = score("wire.handshakeToServer", subject).median();
            double down = score("wire.handshakeToClient", subject).median();
            assertThat(up).as(subject).isPositive();
            assertThat(down).as(subject).isPositive();
            assertThat(total.min()).as(subject).isLessThanOrEqualTo(up + down);
            assertThat(total.max()).as(subject).isGreaterThanOrEqualTo(up + down);
        }
        // pq carries two ML-DSA-65 keys (1,952 bytes) and signatures (3,309), an X-Wing key
        // (1,216) and ciphertext (1,120): more than 12,800 bytes in all.
        assertThat(score("wire.handshake", "pq").min()).isGreaterThan(12_800);
        assertThat(score("wire.handshake", "modern").max())
                .isLessThan(score("wire.handshake", "classic").min());
        assertThat(score("wire.handshake", "classic").max())
                .isLessThan(score("wire.handshake", "classic-3072").min());
        assertThat(score("wire.handshake", "tls13").max())
                .isLessThan(score("wire.handshake", "tls13-mutual").min());
    }
}
