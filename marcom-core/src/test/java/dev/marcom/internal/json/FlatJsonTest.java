package dev.marcom.internal.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.marcom.testing.DeterministicBytes;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FlatJsonTest {
    static final FlatJson.Limits LIMITS = JsonOracle.LIMITS;

    static Map<String, JsonValue> parse(String s) throws JsonSyntaxException {
        return FlatJson.parse(s, LIMITS);
    }

    @Test
    void parsesFlatObjects() throws Exception {
        assertThat(parse("{}")).isEmpty();
        assertThat(parse(" \t\r\n{ \n} \r\n")).isEmpty();
        Map<String, JsonValue> m =
                parse("{\"s\":\"a\\\"b\\\\c\\/d\\b\\f\\n\\r\\t\\u00e9\\uD834\\udd1e\u2713\", \"n\" : -12.5e+3,"
                        + "\"i\":9223372036854775807,\"t\":true,\"f\":false,\"\":\"\"}");
        assertThat(m.keySet()).containsExactly("s", "n", "i", "t", "f", "");
        assertThat(m.get("s")).isEqualTo(new JsonValue.Str("a\"b\\c/d\b\f\n\r\t\u00e9\ud834\udd1e\u2713"));
        assertThat(m.get("n")).isEqualTo(new JsonValue.Num("-12.5e+3"));
        assertThat(((JsonValue.Num) m.get("n")).asLong()).isEmpty();
        assertThat(((JsonValue.Num) m.get("i")).asLong()).hasValue(Long.MAX_VALUE);
        assertThat(m.get("t")).isEqualTo(new JsonValue.Bool(true));
        assertThat(m.get("f")).isEqualTo(new JsonValue.Bool(false));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                " ",
                "{",
                "}",
                "[]",
                "\"a\"",
                "1",
                "null",
                "{]",
                "{\"a\"}",
                "{\"a\":}",
                "{\"a\":1,}",
                "{,}",
                "{\"a\":1 \"b\":2}",
                "{\"a\":1}}",
                "{\"a\":1} x",
                "{\"a\":1}{}",
                "{a:1}",
                "{'a':1}",
                "{\"a\":'b'}",
                "{\"a\":1,\"a\":2}",
                "{\"a\":1,\"\\u0061\":2}",
                "{\"a\":null}",
                "{\"a\":{}}",
                "{\"a\":[]}",
                "{\"a\":[1]}",
                "{\"a\":tru}",
                "{\"a\":True}",
                "{\"a\":truex}",
                "{\"a\":01}",
                "{\"a\":-}",
                "{\"a\":+1}",
                "{\"a\":1.}",
                "{\"a\":.5}",
                "{\"a\":1e}",
                "{\"a\":1e+}",
                "{\"a\":0x10}",
                "{\"a\":NaN}",
                "{\"a\":Infinity}",
                "{\"a\":-Infinity}",
                "{\"a\":\"\\x41\"}",
                "{\"a\":\"\\a\"}",
                "{\"a\":\"\\'\"}",
                "{\"a\":\"\\u12\"}",
                "{\"a\":\"\\u12G4\"}",
                "{\"a\":\"\\u\"}",
                "{\"a\":\"\\\"}",
                "{\"a\":\"abc}",
                "{\"a\":\"\t\"}",
                "{\"a\":\"\n\"}",
                "{\"a\":\"\u0000\"}",
                "{\"a\":\"\u001f\"}",
                "{\"a\":\"\\ud800\"}",
                "{\"a\":\"\\udc00\"}",
                "{\"a\":\"\\ud800\\u0041\"}",
                "{\"a\":\"\\ud800x\"}",
                "{\"a\":\"\ud800\"}",
                "{\"a\":\"\udc00\ud800\"}",
                "{\"\ud800\":1}",
                "\ufeff{}",
                "{\"a\":1}\u00a0",
                "{\"a\"\u00a0:1}",
                "{\"a\":\"\\u\uff11234\"}",
                "{\"a\":\"\\u\u0661\u0662\u0663\u0664\"}",
                "{\"a\":1/*c*/}",
                "{\"a\":1}//",
                "{\"a\":\"x\"\"y\"}"
            })
    void rejects(String text) {
        assertThatThrownBy(() -> parse(text)).isInstanceOf(JsonSyntaxException.class);
        JsonOracle.check(text);
    }

    @Test
    void enforcesLimitsBeforeBuildingValues() {
        FlatJson.Limits tiny = new FlatJson.Limits(40, 2, 3, 5, 4);
        assertThatThrownBy(() -> FlatJson.parse("{\"a\":\"" + "x".repeat(40) + "\"}", tiny))
                .isInstanceOf(JsonSyntaxException.class)
                .hasMessageContaining("longer than 40");
        assertThatThrownBy(() -> FlatJson.parse("{\"a\":1,\"b\":2,\"c\":3}", tiny))
                .hasMessageContaining("more than 2 members");
        assertThatThrownBy(() -> FlatJson.parse("{\"abcd\":1}", tiny))
                .hasMessageContaining("member name longer than 3");
        assertThatThrownBy(() -> FlatJson.parse("{\"a\":\"abcdef\"}", tiny))
                .hasMessageContaining("string longer than 5");
        assertThatThrownBy(() -> FlatJson.parse("{\"a\":\"abcde\\u00e9\"}", tiny))
                .hasMessageContaining("string longer than 5");
        assertThatThrownBy(() -> FlatJson.parse("{\"a\":\"abcd\\ud834\\udd1e\"}", tiny))
                .hasMessageContaining("string longer than 5");
        assertThatThrownBy(() -> FlatJson.parse("{\"a\":12345}", tiny)).hasMessageContaining("number longer than 4");
        assertThatThrownBy(() -> FlatJson.parse("{\"a\":1.5e10}", tiny)).hasMessageContaining("number longer than 4");
        assertThat(catchOffset("{\"a\":1,\"a\":2}")).isEqualTo(7);
    }

    static int catchOffset(String s) {
        try {
            parse(s);
        } catch (JsonSyntaxException e) {
            return e.offset();
        }
        throw new AssertionError("accepted");
    }

    @Test
    void writesCanonicalEscapes() throws Exception {
        String json = FlatJson.writer()
                .string(
                        "s",
                        "\"\\/\b\f\n\r\t\u0000\u001f\u007f\u0085\u009f\u00a0\u00e9\u2027\u2028\u2029" + "\ud834\udd1e")
                .number("n", -42)
                .bool("b", true)
                .string("e", "")
                .toJson();
        assertThat(json)
                .isEqualTo("{\"s\":\"\\\"\\\\/\\b\\f\\n\\r\\t\\u0000\\u001f\\u007f\\u0085\\u009f"
                        + "\u00a0\u00e9\u2027\\u2028\\u2029\ud834\udd1e\",\"n\":-42,\"b\":true,\"e\":\"\"}");
        assertThat(FlatJson.quotedLength("\u007f\u2028\u00a0")).isEqualTo(2 + 6 + 6 + 1);
        assertThat(FlatJson.quotedLength("\"\\/\b\u0000x\u00e9")).isEqualTo(2 + 2 + 2 + 1 + 2 + 6 + 1 + 1);
        assertThat(JsonOracle.check(json)).isTrue();
        assertThat(FlatJson.writer().toJson()).isEqualTo("{}");
    }

    @Test
    void writerRefusesWhatCannotBeEncoded() {
        assertThatThrownBy(() -> FlatJson.writer().string("a", "x").string("a", "y"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> FlatJson.writer().string("a", "\ud800")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> FlatJson.writer().string("a", "\udc00\ud800"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> FlatJson.writer().bool("\ud800x", true)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void asLongAcceptsOnlyPlainIntegersInRange() {
        assertThat(new JsonValue.Num("0").asLong()).hasValue(0);
        assertThat(new JsonValue.Num("-0").asLong()).hasValue(0);
        assertThat(new JsonValue.Num("-9223372036854775808").asLong()).hasValue(Long.MIN_VALUE);
        for (String t : new String[] {
            "9223372036854775808", "-9223372036854775809", "01", "1.0", "1e2", "", "-", "+1", "99999999999999999999"
        }) {
            assertThat(new JsonValue.Num(t).asLong()).as(t).isEqualTo(OptionalLong.empty());
        }
    }

    private static final String[] PIECES = {
        "\"",
        "\\",
        "\\\"",
        "\\\\",
        "\\u",
        "\\ud834",
        "\\udd1e",
        "\\u00e9",
        "\\n",
        "\\x",
        ":",
        ",",
        "{",
        "}",
        "[",
        "]",
        " ",
        "\t",
        "\n",
        "\r",
        "\u0000",
        "\u001f",
        "\u00e9",
        "\ud834",
        "\udd1e",
        "\ud834\udd1e",
        "\u2028",
        "\ufeff",
        "0",
        "1",
        "-",
        "+",
        ".",
        "e",
        "E",
        "9",
        "true",
        "false",
        "null",
        "a",
        "A",
        "f",
        "/",
        "//"
    };

    /** A random flat object, as a map and as canonical JSON. */
    static String randomObject(DeterministicBytes r, Map<String, JsonValue> into) {
        FlatJson.ObjectWriter w = FlatJson.writer();
        int n = r.nextInt(6);
        for (int i = 0; i < n; i++) {
            String name = randomText(r);
            if (into.containsKey(name)) {
                continue;
            }
            switch (r.nextInt(3)) {
                case 0 -> {
                    String v = randomText(r);
                    w.string(name, v);
                    into.put(name, new JsonValue.Str(v));
                }
                case 1 -> {
                    long v = r.nextBoolean() ? r.nextLong() : r.nextInt(2000) - 1000;
                    w.number(name, v);
                    into.put(name, JsonValue.Num.of(v));
                }
                default -> {
                    boolean v = r.nextBoolean();
                    w.bool(name, v);
                    into.put(name, new JsonValue.Bool(v));
                }
            }
        }
        return w.toJson();
    }

    private static final String[] SPECIAL = {
        "\"", "\\", "/", "\u0000", "\u001f", "\u007f", "\u2028", "\ud834\udd1e", "x", "\u00e9"
    };

    static String randomText(DeterministicBytes r) {
        StringBuilder sb = new StringBuilder();
        int n = r.nextInt(8);
        for (int i = 0; i < n; i++) {
            int kind = r.nextInt(4);
            if (kind == 0) {
                sb.append((char) r.nextInt(0x80));
            } else if (kind == 1) {
                int cp = r.nextInt(0x110000);
                if (cp >= 0xd800 && cp < 0xe000) {
                    cp = 0xe000;
                }
                sb.appendCodePoint(cp);
            } else {
                sb.append(SPECIAL[r.nextInt(SPECIAL.length)]);
            }
        }
        return sb.toString();
    }

    @Test
    void writtenObjectsParseBackExactly() throws Exception {
        DeterministicBytes r = new DeterministicBytes("FlatJsonTest.roundTrip");
        for (int i = 0; i < 3000; i++) {
            Map<String, JsonValue> expected = new LinkedHashMap<>();
            String json = randomObject(r, expected);
            assertThat(parse(json)).as(json).containsExactlyEntriesOf(expected);
            assertThat(JsonOracle.check(json)).isTrue();
        }
    }

    @Test
    void mutatedObjectsAgreeWithJackson() {
        DeterministicBytes r = new DeterministicBytes("FlatJsonTest.mutations");
        int accepted = 0;
        for (int i = 0; i < 20000; i++) {
            StringBuilder sb = new StringBuilder(randomObject(r, new LinkedHashMap<>()));
            int edits = 1 + r.nextInt(3);
            for (int e = 0; e < edits; e++) {
                int at = r.nextInt(sb.length() + 1);
                switch (r.nextInt(3)) {
                    case 0 -> sb.insert(at, PIECES[r.nextInt(PIECES.length)]);
                    case 1 -> {
                        if (at < sb.length()) {
                            sb.deleteCharAt(at);
                        }
                    }
                    default -> {
                        if (at < sb.length()) {
                            sb.setCharAt(at, PIECES[r.nextInt(PIECES.length)].charAt(0));
                        }
                    }
                }
            }
            if (JsonOracle.check(sb.toString())) {
                accepted++;
            }
        }
        // Both outcomes occur often enough for the comparison to mean something.
        assertThat(accepted).isBetween(1000, 19000);
    }
}
