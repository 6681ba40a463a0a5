package dev.marcom.cli;

import dev.marcom.json.JsonObjectWriter;

/**
 * One {@code --json} event: an object on one line, written by the core's
 * {@link JsonObjectWriter} in its ASCII-only form, so a line survives any platform charset on
 * stdout (a non-UTF-8 locale would otherwise print non-ASCII text as "?", and a message's text
 * would no longer match its sha256).
 */
final class JsonLine {
    private final JsonObjectWriter out = JsonObjectWriter.asciiOnly();

    static JsonLine event(String event) {
        return new JsonLine().put("event", event);
    }

    /** Appends a member: numbers and booleans as such, null as null, anything else as text. */
    JsonLine put(String key, Object value) {
        if (value instanceof Number n) {
            out.number(key, n.longValue());
        } else if (value instanceof Boolean b) {
            out.bool(key, b);
        } else {
            out.string(key, value == null ? null : value.toString());
        }
        return this;
    }

    @Override
    public String toString() {
        return out.toJson();
    }
}
