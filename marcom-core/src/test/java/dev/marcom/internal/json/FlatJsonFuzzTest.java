package dev.marcom.internal.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Jazzer fuzz tests for {@link FlatJson}. {@code mvn test} runs them on the seeds in
 * {@code src/test/resources/dev/marcom/internal/json/FlatJsonFuzzTestInputs}; set
 * {@code JAZZER_FUZZ=1} to fuzz.
 */
class FlatJsonFuzzTest {
    /**
     * Any text (the input decoded as UTF-8, as the transcript verifier does): only
     * JsonSyntaxException, and agreement with the round trip and with Jackson.
     */
    @FuzzTest(maxDuration = "5m")
    void parse(byte[] input) {
        JsonOracle.check(new String(input, StandardCharsets.UTF_8));
    }

    /** Any members the writer accepts parse back to exactly those members. */
    @FuzzTest(maxDuration = "5m")
    void writeThenParse(FuzzedDataProvider data) throws JsonSyntaxException {
        FlatJson.ObjectWriter w = FlatJson.writer();
        Map<String, JsonValue> expected = new LinkedHashMap<>();
        int n = data.consumeInt(0, 12);
        for (int i = 0; i < n; i++) {
            String name = data.consumeString(40);
            int kind = data.consumeInt(0, 2);
            JsonValue value = switch (kind) {
                case 0 -> new JsonValue.Str(data.consumeString(200));
                case 1 -> JsonValue.Num.of(data.consumeLong());
                default -> new JsonValue.Bool(data.consumeBoolean());
            };
            boolean encodable = !JsonOracle.hasLoneSurrogate(name)
                    && !expected.containsKey(name)
                    && !(value instanceof JsonValue.Str s && JsonOracle.hasLoneSurrogate(s.value()));
            if (!encodable) {
                assertThatThrownBy(() -> write(w, name, value)).isInstanceOf(IllegalArgumentException.class);
                return;
            }
            write(w, name, value);
            expected.put(name, value);
        }
        String json = w.toJson();
        assertThat(FlatJson.parse(json, JsonOracle.LIMITS)).containsExactlyEntriesOf(expected);
        assertThat(JsonOracle.check(json)).isTrue();
    }

    private static void write(FlatJson.ObjectWriter w, String name, JsonValue value) {
        if (value instanceof JsonValue.Str s) {
            w.string(name, s.value());
        } else if (value instanceof JsonValue.Num num) {
            w.number(name, num.asLong().orElseThrow());
        } else {
            w.bool(name, ((JsonValue.Bool) value).value());
        }
    }
}
