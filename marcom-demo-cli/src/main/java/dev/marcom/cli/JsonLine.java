package dev.marcom.cli;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Builds one JSON object on one line, for {@code --json} output. Values: strings, numbers,
 * booleans. The line is pure ASCII: every other character is written as a JSON unicode escape.
 */
final class JsonLine {
    private final Map<String, Object> fields = new LinkedHashMap<>();

    static JsonLine event(String event) {
        return new JsonLine().put("event", event);
    }

    JsonLine put(String key, Object value) {
        fields.put(key, value);
        return this;
    }

    @Override
    public String toString() {
        StringBuilder b = new StringBuilder("{");
        boolean first = true;
        for (Map.Entry<String, Object> e : fields.entrySet()) {
            if (!first) {
                b.append(',');
            }
            first = false;
            quote(b, e.getKey());
            b.append(':');
            Object v = e.getValue();
            if (v == null) {
                b.append("null");
            } else if (v instanceof Number || v instanceof Boolean) {
                b.append(v);
            } else {
                quote(b, v.toString());
            }
        }
        return b.append('}').toString();
    }

    private static void quote(StringBuilder b, String s) {
        b.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> {
                    // Everything outside printable ASCII is escaped, so a line survives any platform
                    // charset on stdout: a non-UTF-8 locale would otherwise print non-ASCII text as "?",
                    // and the event's text would no longer match its sha256.
                    if (c < 0x20 || c > 0x7e) {
                        b.append(String.format("\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        b.append('"');
    }
}
