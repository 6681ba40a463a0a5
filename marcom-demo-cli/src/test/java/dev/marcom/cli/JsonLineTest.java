package dev.marcom.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class JsonLineTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void linesAreAsciiAndParseBackToTheSameValues() throws Exception {
        String text = "caf\u00e9 \ud83d\udd10 \"q\" \\ \t\n\r \u0000\u001f\u007f \u2028\u2029 end";
        String line = JsonLine.event("message")
                .put("text", text)
                .put("seq", 7L)
                .put("new_peer", false)
                .put("none", null)
                .toString();

        assertThat(line).matches("[\\x20-\\x7e]*");
        JsonNode node = JSON.readTree(line);
        assertThat(node.get("event").asText()).isEqualTo("message");
        assertThat(node.get("text").asText()).isEqualTo(text);
        assertThat(node.get("seq").asLong()).isEqualTo(7);
        assertThat(node.get("new_peer").isBoolean()).isTrue();
        assertThat(node.get("none").isNull()).isTrue();
    }
}
