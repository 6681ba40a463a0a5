package dev.marcom.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.marcom.internal.json.FlatJson;
import dev.marcom.internal.json.JsonValue;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The public JSON writer writes what the core's own parser and an independent one read back. */
class JsonObjectWriterTest {
    private static final String TEXT = "caf\u00e9 \ud83d\udd10 \"q\" \\ \t\n\r \u0000\u001f\u007f \u2028\u2029 end";

    @Test
    void aCanonicalObjectParsesBackWithTheTranscriptParser() throws Exception {
        String line = JsonObjectWriter.create()
                .string("text", TEXT)
                .number("seq", -7)
                .bool("ok", true)
                .toJson();
        Map<String, JsonValue> m = FlatJson.parse(line, new FlatJson.Limits(1 << 16, 8, 16, 1 << 16, 20));
        assertThat(m.get("text")).isEqualTo(new JsonValue.Str(TEXT));
        assertThat(m.get("seq")).isEqualTo(JsonValue.Num.of(-7));
        assertThat(m.get("ok")).isEqualTo(new JsonValue.Bool(true));
        assertThat(line).contains("caf\u00e9").contains("\ud83d\udd10");
    }

    @Test
    void anAsciiOnlyObjectIsPrintableAsciiAndMeansTheSame() throws Exception {
        String line = JsonObjectWriter.asciiOnly()
                .string("text", TEXT)
                .string("none", null)
                .number("n", Long.MAX_VALUE)
                .bool("b", false)
                .toString();
        assertThat(line).matches("[\\x20-\\x7e]*");
        JsonNode node = new ObjectMapper().readTree(line);
        assertThat(node.get("text").asText()).isEqualTo(TEXT);
        assertThat(node.get("none").isNull()).isTrue();
        assertThat(node.get("n").asLong()).isEqualTo(Long.MAX_VALUE);
        assertThat(node.get("b").isBoolean()).isTrue();
        assertThat(FlatJson.parse(
                                JsonObjectWriter.asciiOnly().string("t", TEXT).toJson(),
                                new FlatJson.Limits(1 << 16, 8, 16, 1 << 16, 20))
                        .get("t"))
                .isEqualTo(new JsonValue.Str(TEXT));
    }

    @Test
    void aNameWrittenTwiceIsRefused() {
        JsonObjectWriter w = JsonObjectWriter.create().string("a", "1");
        assertThatThrownBy(() -> w.number("a", 2)).isInstanceOf(IllegalArgumentException.class);
    }
}
