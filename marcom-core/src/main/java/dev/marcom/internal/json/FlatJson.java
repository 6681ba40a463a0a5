package dev.marcom.internal.json;

import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A strict codec for flat JSON objects (RFC 8259) whose values are strings, numbers or booleans,
 * such as one line of a transcript. Not a general JSON library: it exists so that the core needs
 * no JSON dependency at run time.
 *
 * <p>The parser accepts only what RFC 8259 allows and is stricter where RFC 8259 leaves room:
 * <ul>
 *   <li>exactly one object; only JSON whitespace may surround it;
 *   <li>values are strings, numbers, {@code true} or {@code false}; {@code null}, objects and
 *       arrays are rejected (the nesting depth limit is 1, so parsing never recurses);
 *   <li>duplicate member names, unknown escapes, unescaped control characters and unpaired
 *       surrogates (raw or escaped) are rejected;
 *   <li>the whole text, member count, names, strings and numbers are bounded by {@link Limits},
 *       checked before anything of that size is built.
 * </ul>
 * Every failure is a {@link JsonSyntaxException}; no other exception escapes for any input.
 *
 * <p>The writer produces the canonical form the parser reads back to equal values: no
 * whitespace, members in the order written, {@code "} and {@code \} escaped, the control
 * characters {@code \b \f \n \r \t} with their short escapes; the other C0 controls, DEL and
 * the C1 controls (U+007F to U+009F) and U+2028 and U+2029 as lower-case {@code \}{@code uxxxx},
 * so that no tool that also breaks lines at NEL or the Unicode separators splits a line;
 * everything else, including other non-ASCII, is written as is.
 *
 * <h2>Size</h2>
 * About 370 code lines, just above the house guideline of ~350: a strict parser (with limits on
 * every dimension of the input) and the canonical writer it must agree with, kept in one file so
 * the two grammars are read side by side.
 */
public final class FlatJson {
    private FlatJson() {}

    /**
     * Size limits for {@link #parse}.
     *
     * @param maxChars the most characters in the whole text
     * @param maxMembers the most members in the object
     * @param maxNameChars the most characters in a member name (after unescaping)
     * @param maxStringChars the most characters in a string value (after unescaping)
     * @param maxNumberChars the most characters in a number
     */
    public record Limits(int maxChars, int maxMembers, int maxNameChars, int maxStringChars, int maxNumberChars) {
        public Limits {
            if (maxChars < 2 || maxMembers < 0 || maxNameChars < 0 || maxStringChars < 0 || maxNumberChars < 1) {
                throw new IllegalArgumentException("limits out of range");
            }
        }
    }

    /**
     * Parses one flat object.
     *
     * @return the members in the order they appear (unmodifiable)
     * @throws JsonSyntaxException if the text is not such an object within {@code limits}
     */
    public static Map<String, JsonValue> parse(String text, Limits limits) throws JsonSyntaxException {
        Objects.requireNonNull(limits, "limits");
        if (text.length() > limits.maxChars()) {
            throw new JsonSyntaxException("text longer than " + limits.maxChars() + " characters", 0);
        }
        return new Parser(text, limits).object();
    }

    private static final class Parser {
        private final String s;
        private final Limits limits;
        private int pos;

        Parser(String s, Limits limits) {
            this.s = s;
            this.limits = limits;
        }

        Map<String, JsonValue> object() throws JsonSyntaxException {
            skipWhitespace();
            expect('{');
            Map<String, JsonValue> members = new LinkedHashMap<>();
            skipWhitespace();
            if (peek() == '}') {
                pos++;
            } else {
                while (true) {
                    int nameAt = pos;
                    if (peek() != '"') {
                        throw error("expected a member name");
                    }
                    String name = string(limits.maxNameChars(), "member name");
                    if (members.containsKey(name)) {
                        throw new JsonSyntaxException("duplicate member name", nameAt);
                    }
                    if (members.size() == limits.maxMembers()) {
                        throw new JsonSyntaxException("more than " + limits.maxMembers() + " members", nameAt);
                    }
                    skipWhitespace();
                    expect(':');
                    skipWhitespace();
                    members.put(name, value());
                    skipWhitespace();
                    int c = peek();
                    pos++;
                    if (c == '}') {
                        break;
                    }
                    if (c != ',') {
                        pos--;
                        throw error("expected ',' or '}'");
                    }
                    skipWhitespace();
                }
            }
            skipWhitespace();
            if (pos != s.length()) {
                throw error("trailing characters after the object");
            }
            return Collections.unmodifiableMap(members);
        }

        private JsonValue value() throws JsonSyntaxException {
            int c = peek();
            switch (c) {
                case '"':
                    return new JsonValue.Str(string(limits.maxStringChars(), "string"));
                case 't':
                    literal("true");
                    return new JsonValue.Bool(true);
                case 'f':
                    literal("false");
                    return new JsonValue.Bool(false);
                case 'n':
                    throw error("null is not supported");
                case '{':
                case '[':
                    throw error("nested values are not supported (depth limit 1)");
                default:
                    if (c == '-' || (c >= '0' && c <= '9')) {
                        return number();
                    }
                    throw error(c < 0 ? "unexpected end of text" : "expected a value");
            }
        }

        private void literal(String word) throws JsonSyntaxException {
            if (!s.startsWith(word, pos)) {
                throw error("expected '" + word + "'");
            }
            pos += word.length();
        }

        private JsonValue number() throws JsonSyntaxException {
            int start = pos;
            if (peek() == '-') {
                pos++;
            }
            int c = peek();
            if (c == '0') {
                pos++;
            } else if (c >= '1' && c <= '9') {
                digits(start);
            } else {
                throw error("expected a digit");
            }
            if (peek() == '.') {
                pos++;
                if (!isDigit(peek())) {
                    throw error("expected a digit after '.'");
                }
                digits(start);
            }
            c = peek();
            if (c == 'e' || c == 'E') {
                pos++;
                c = peek();
                if (c == '+' || c == '-') {
                    pos++;
                }
                if (!isDigit(peek())) {
                    throw error("expected a digit in the exponent");
                }
                digits(start);
            }
            checkNumberLength(start);
            return new JsonValue.Num(s.substring(start, pos));
        }

        private void digits(int start) throws JsonSyntaxException {
            while (isDigit(peek())) {
                pos++;
                checkNumberLength(start);
            }
        }

        private void checkNumberLength(int start) throws JsonSyntaxException {
            if (pos - start > limits.maxNumberChars()) {
                throw new JsonSyntaxException("number longer than " + limits.maxNumberChars() + " characters", start);
            }
        }

        private static boolean isDigit(int c) {
            return c >= '0' && c <= '9';
        }

        /** Reads a string starting at the opening quote. */
        private String string(int max, String what) throws JsonSyntaxException {
            int start = pos;
            pos++;
            StringBuilder out = new StringBuilder();
            while (true) {
                if (pos >= s.length()) {
                    throw new JsonSyntaxException("unterminated " + what, start);
                }
                char c = s.charAt(pos);
                if (c == '"') {
                    pos++;
                    return out.toString();
                }
                if (out.length() >= max) {
                    throw new JsonSyntaxException(what + " longer than " + max + " characters", start);
                }
                if (c == '\\') {
                    escape(out, max, what, start);
                } else if (c < 0x20) {
                    throw error("unescaped control character in " + what);
                } else if (Character.isHighSurrogate(c)) {
                    if (pos + 1 >= s.length() || !Character.isLowSurrogate(s.charAt(pos + 1))) {
                        throw error("unpaired surrogate in " + what);
                    }
                    if (out.length() + 2 > max) {
                        throw new JsonSyntaxException(what + " longer than " + max + " characters", start);
                    }
                    out.append(c).append(s.charAt(pos + 1));
                    pos += 2;
                } else if (Character.isLowSurrogate(c)) {
                    throw error("unpaired surrogate in " + what);
                } else {
                    out.append(c);
                    pos++;
                }
            }
        }

        private void escape(StringBuilder out, int max, String what, int start) throws JsonSyntaxException {
            int at = pos;
            pos++;
            int e = peek();
            pos++;
            switch (e) {
                case '"' -> out.append('"');
                case '\\' -> out.append('\\');
                case '/' -> out.append('/');
                case 'b' -> out.append('\b');
                case 'f' -> out.append('\f');
                case 'n' -> out.append('\n');
                case 'r' -> out.append('\r');
                case 't' -> out.append('\t');
                case 'u' -> {
                    char c = (char) hex4(at);
                    if (Character.isLowSurrogate(c)) {
                        throw new JsonSyntaxException("unpaired surrogate escape in " + what, at);
                    }
                    if (Character.isHighSurrogate(c)) {
                        int lowAt = pos;
                        if (!s.startsWith("\\u", pos)) {
                            throw new JsonSyntaxException("unpaired surrogate escape in " + what, at);
                        }
                        pos += 2;
                        char low = (char) hex4(lowAt);
                        if (!Character.isLowSurrogate(low)) {
                            throw new JsonSyntaxException("unpaired surrogate escape in " + what, at);
                        }
                        if (out.length() + 2 > max) {
                            throw new JsonSyntaxException(what + " longer than " + max + " characters", start);
                        }
                        out.append(c).append(low);
                    } else {
                        out.append(c);
                    }
                }
                default ->
                    throw new JsonSyntaxException(e < 0 ? "unterminated escape" : "unknown escape in " + what, at);
            }
        }

        private int hex4(int escapeAt) throws JsonSyntaxException {
            if (pos + 4 > s.length()) {
                throw new JsonSyntaxException("truncated \\u escape", escapeAt);
            }
            int v = 0;
            for (int i = 0; i < 4; i++) {
                int d = Character.digit(s.charAt(pos + i), 16);
                // Character.digit also accepts non-ASCII digits; JSON allows only [0-9a-fA-F].
                if (d < 0 || s.charAt(pos + i) > 'f') {
                    throw new JsonSyntaxException("bad hex digit in \\u escape", escapeAt);
                }
                v = (v << 4) | d;
            }
            pos += 4;
            return v;
        }

        private void skipWhitespace() {
            while (pos < s.length()) {
                char c = s.charAt(pos);
                if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
                    return;
                }
                pos++;
            }
        }

        private int peek() {
            return pos < s.length() ? s.charAt(pos) : -1;
        }

        private void expect(char c) throws JsonSyntaxException {
            if (peek() != c) {
                throw error(peek() < 0 ? "unexpected end of text" : "expected '" + c + "'");
            }
            pos++;
        }

        private JsonSyntaxException error(String message) {
            return new JsonSyntaxException(message, pos);
        }
    }

    /** Starts writing an object in canonical form. */
    public static ObjectWriter writer() {
        return new ObjectWriter(false);
    }

    /**
     * A writer whose output is printable ASCII only: every other character is written as a
     * {@code \}{@code uxxxx} escape (a supplementary character as its two surrogates), so a line survives
     * any platform charset. Parses back to the same values.
     */
    public static ObjectWriter asciiWriter() {
        return new ObjectWriter(true);
    }

    /**
     * Writes one flat object in canonical form: {@code string}, {@code number} and {@code bool}
     * append members in order, {@link #toJson()} returns the text.
     */
    public static final class ObjectWriter {
        private final StringBuilder out = new StringBuilder(256).append('{');
        private final Set<String> names = new HashSet<>();
        private final boolean ascii;

        private ObjectWriter(boolean ascii) {
            this.ascii = ascii;
        }

        /**
         * Appends a string member.
         *
         * @throws IllegalArgumentException if the name repeats or either text holds an unpaired
         *     surrogate (which has no UTF-8 encoding)
         */
        public ObjectWriter string(String name, String value) {
            name(name);
            quote(out, value, ascii);
            return this;
        }

        /** Appends a {@code null} member. */
        public ObjectWriter nullValue(String name) {
            name(name);
            out.append("null");
            return this;
        }

        /** Appends a number member. */
        public ObjectWriter number(String name, long value) {
            name(name);
            out.append(value);
            return this;
        }

        /** Appends a boolean member. */
        public ObjectWriter bool(String name, boolean value) {
            name(name);
            out.append(value);
            return this;
        }

        private void name(String name) {
            if (!names.add(name)) {
                throw new IllegalArgumentException("duplicate member name " + name);
            }
            if (out.length() > 1) {
                out.append(',');
            }
            quote(out, name, ascii);
            out.append(':');
        }

        /** The object written so far, closed. The writer may continue afterwards. */
        public String toJson() {
            return out + "}";
        }
    }

    /** The length of {@code value} once written as a JSON string, quotes included. */
    public static long quotedLength(String value) {
        long n = 2;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '"' || c == '\\' || c == '\b' || c == '\f' || c == '\n' || c == '\r' || c == '\t') {
                n += 2;
            } else if (needsUnicodeEscape(c)) {
                n += 6;
            } else {
                n++;
            }
        }
        return n;
    }

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private static boolean needsUnicodeEscape(char c) {
        return c < 0x20 || (c >= 0x7f && c <= 0x9f) || c == 0x2028 || c == 0x2029;
    }

    private static void quote(StringBuilder out, String value, boolean ascii) {
        out.append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (needsUnicodeEscape(c) || (ascii && c > 0x7e)) {
                        out.append("\\u")
                                .append(HEX[c >> 12])
                                .append(HEX[(c >> 8) & 0xf])
                                .append(HEX[(c >> 4) & 0xf])
                                .append(HEX[c & 0xf]);
                    } else if (Character.isHighSurrogate(c)) {
                        if (i + 1 >= value.length() || !Character.isLowSurrogate(value.charAt(i + 1))) {
                            throw new IllegalArgumentException("unpaired surrogate");
                        }
                        out.append(c).append(value.charAt(++i));
                    } else if (Character.isLowSurrogate(c)) {
                        throw new IllegalArgumentException("unpaired surrogate");
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }
}
