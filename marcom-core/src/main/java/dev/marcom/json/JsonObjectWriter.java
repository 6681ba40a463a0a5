package dev.marcom.json;

import dev.marcom.internal.json.FlatJson;

/**
 * Writes one flat JSON object — strings, integers, booleans and nulls, no nesting — as one line:
 * the form of MARCOM's transcript lines (docs/TRANSCRIPTS.md), offered to applications that emit
 * lines of their own beside them (the CLI's {@code --json} events use it). Members come out in the
 * order written, with no whitespace; {@code "}, {@code \} and control characters are escaped, and
 * the output of {@link #asciiOnly()} is printable ASCII throughout. Not thread-safe.
 */
public final class JsonObjectWriter {
    private final FlatJson.ObjectWriter out;

    private JsonObjectWriter(FlatJson.ObjectWriter out) {
        this.out = out;
    }

    /**
     * Starts an object whose strings keep their characters (UTF-8 when the line is encoded), as
     * transcripts are written.
     *
     * @return an empty object
     */
    public static JsonObjectWriter create() {
        return new JsonObjectWriter(FlatJson.writer());
    }

    /**
     * Starts an object whose output is printable ASCII only: every other character is escaped, so
     * the line survives a terminal or pipe in any charset.
     *
     * @return an empty object
     */
    public static JsonObjectWriter asciiOnly() {
        return new JsonObjectWriter(FlatJson.asciiWriter());
    }

    /**
     * Appends a string member, or {@code null} if {@code value} is null.
     *
     * @param name the member's name
     * @param value its value
     * @return this writer
     * @throws IllegalArgumentException if {@code name} was written before, or (outside
     *     {@link #asciiOnly()}) a text holds an unpaired surrogate, which has no UTF-8 encoding
     */
    public JsonObjectWriter string(String name, String value) {
        if (value == null) {
            out.nullValue(name);
        } else {
            out.string(name, value);
        }
        return this;
    }

    /**
     * Appends an integer member.
     *
     * @param name the member's name
     * @param value its value
     * @return this writer
     * @throws IllegalArgumentException if {@code name} was written before
     */
    public JsonObjectWriter number(String name, long value) {
        out.number(name, value);
        return this;
    }

    /**
     * Appends a boolean member.
     *
     * @param name the member's name
     * @param value its value
     * @return this writer
     * @throws IllegalArgumentException if {@code name} was written before
     */
    public JsonObjectWriter bool(String name, boolean value) {
        out.bool(name, value);
        return this;
    }

    /**
     * Returns the object written so far, closed; writing may go on afterwards.
     *
     * @return one line of JSON, without a line break
     */
    public String toJson() {
        return out.toJson();
    }

    @Override
    public String toString() {
        return toJson();
    }
}
