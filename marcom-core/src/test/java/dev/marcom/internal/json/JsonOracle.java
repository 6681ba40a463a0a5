package dev.marcom.internal.json;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.math.BigDecimal;
import java.util.Map;

/**
 * Checks {@link FlatJson} on one input against its own round trip and against Jackson (strict
 * settings): whatever FlatJson accepts, Jackson accepts with the same values, re-writing gives
 * the same members, and any flat object Jackson accepts within FlatJson's limits, FlatJson
 * accepts too. Only {@link JsonSyntaxException} may escape {@code FlatJson.parse}.
 */
final class JsonOracle {
    static final FlatJson.Limits LIMITS = new FlatJson.Limits(1 << 20, 256, 1 << 16, 1 << 20, 500);
    private static final JsonMapper JACKSON = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(DeserializationFeature.USE_BIG_INTEGER_FOR_INTS)
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .disable(JsonReadFeature.ALLOW_LEADING_DECIMAL_POINT_FOR_NUMBERS)
            .disable(JsonReadFeature.ALLOW_TRAILING_DECIMAL_POINT_FOR_NUMBERS)
            .build();

    private JsonOracle() {}

    /** Returns whether FlatJson accepted {@code text}; throws AssertionError on any disagreement. */
    static boolean check(String text) {
        Map<String, JsonValue> ours;
        try {
            ours = FlatJson.parse(text, LIMITS);
        } catch (JsonSyntaxException e) {
            assertThat(e.offset()).isBetween(0, text.length());
            checkJacksonRejectsOrNotFlat(text, e);
            return false;
        }
        // Round trip: the canonical form parses to the same members and is a fixed point (only for
        // objects whose numbers the writer can produce, i.e. integers in canonical form).
        FlatJson.ObjectWriter w = FlatJson.writer();
        boolean writable = true;
        for (Map.Entry<String, JsonValue> m : ours.entrySet()) {
            writable &= write(w, m.getKey(), m.getValue());
        }
        if (writable) {
            String canonical = w.toJson();
            Map<String, JsonValue> again;
            try {
                again = FlatJson.parse(canonical, LIMITS);
            } catch (JsonSyntaxException e) {
                throw new AssertionError("canonical form does not parse: " + canonical, e);
            }
            assertThat(again).containsExactlyEntriesOf(ours);
        }
        // Jackson agrees, unless a number's exponent is beyond what BigDecimal (and so Jackson with
        // USE_BIG_DECIMAL_FOR_FLOATS) represents; such numbers are valid JSON and FlatJson keeps them
        // as text.
        for (JsonValue v : ours.values()) {
            if (v instanceof JsonValue.Num num) {
                try {
                    new BigDecimal(num.text());
                } catch (NumberFormatException e) {
                    return true;
                }
            }
        }
        JsonNode tree;
        try {
            tree = JACKSON.readTree(text);
        } catch (Exception e) {
            throw new AssertionError("FlatJson accepted what Jackson rejects: " + escape(text), e);
        }
        assertThat(tree.isObject()).isTrue();
        assertThat(tree.size()).isEqualTo(ours.size());
        for (Map.Entry<String, JsonValue> m : ours.entrySet()) {
            JsonNode n = tree.get(m.getKey());
            assertThat(n).as(m.getKey()).isNotNull();
            JsonValue v = m.getValue();
            if (v instanceof JsonValue.Str s) {
                assertThat(n.isTextual()).isTrue();
                assertThat(n.textValue()).isEqualTo(s.value());
            } else if (v instanceof JsonValue.Bool b) {
                assertThat(n.isBoolean()).isTrue();
                assertThat(n.booleanValue()).isEqualTo(b.value());
            } else {
                JsonValue.Num num = (JsonValue.Num) v;
                assertThat(n.isNumber()).isTrue();
                assertThat(new BigDecimal(num.text()).compareTo(n.decimalValue()))
                        .isZero();
                if (num.asLong().isPresent()) {
                    assertThat(n.isIntegralNumber()).isTrue();
                    assertThat(n.bigIntegerValue().longValueExact())
                            .isEqualTo(num.asLong().getAsLong());
                }
            }
        }
        return true;
    }

    /** Writes a member; false if it is a number the writer cannot reproduce exactly. */
    static boolean write(FlatJson.ObjectWriter w, String k, JsonValue v) {
        if (v instanceof JsonValue.Str s) {
            w.string(k, s.value());
        } else if (v instanceof JsonValue.Bool b) {
            w.bool(k, b.value());
        } else {
            JsonValue.Num n = (JsonValue.Num) v;
            if (n.asLong().isEmpty() || !Long.toString(n.asLong().getAsLong()).equals(n.text())) {
                return false;
            }
            w.number(k, n.asLong().getAsLong());
        }
        return true;
    }

    private static void checkJacksonRejectsOrNotFlat(String text, JsonSyntaxException ours) {
        // Limits, and a leading byte order mark (RFC 8259 lets parsers ignore it; FlatJson does
        // not), are deliberate differences.
        if (ours.getMessage().contains("longer than")
                || ours.getMessage().contains("more than")
                || text.startsWith("\ufeff")
                || nonAsciiInHexEscape(text, ours.offset())) {
            return;
        }
        JsonNode tree;
        try (JsonParser p = JACKSON.createParser(text)) {
            tree = JACKSON.readTree(p);
            if (p.nextToken() != null) {
                return;
            }
        } catch (Exception e) {
            return;
        }
        if (tree == null || !tree.isObject()) {
            return;
        }
        for (Map.Entry<String, JsonNode> m : tree.properties()) {
            JsonNode n = m.getValue();
            if (!(n.isTextual() || n.isNumber() || n.isBoolean())) {
                return;
            }
            if (hasLoneSurrogate(m.getKey()) || (n.isTextual() && hasLoneSurrogate(n.textValue()))) {
                return;
            }
        }
        throw new AssertionError(
                "Jackson accepts a flat object FlatJson rejects (" + ours.getMessage() + "): " + escape(text));
    }

    /** {@code s} with everything outside printable ASCII as {@code \}{@code uXXXX}, for messages. */
    static String escape(String s) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= 0x20 && c < 0x7f) {
                sb.append(c);
            } else {
                sb.append(String.format("<U+%04X>", (int) c));
            }
        }
        return sb.toString();
    }

    /**
     * Whether the \\u escape at {@code offset} has a non-ASCII character among its four digits.
     * Jackson 2.22 accepts those when the character's low byte is an ASCII hex digit (it reads
     * U+0661 as 'a'); RFC 8259 allows only [0-9A-Fa-f], as FlatJson does.
     */
    private static boolean nonAsciiInHexEscape(String text, int offset) {
        if (!text.startsWith("\\u", offset)) {
            return false;
        }
        for (int i = offset + 2; i < Math.min(text.length(), offset + 6); i++) {
            if (text.charAt(i) > 0x7f) {
                return true;
            }
        }
        return false;
    }

    static boolean hasLoneSurrogate(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c)) {
                if (i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                    i++;
                } else {
                    return true;
                }
            } else if (Character.isLowSurrogate(c)) {
                return true;
            }
        }
        return false;
    }
}
