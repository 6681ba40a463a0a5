package dev.marcom.internal.json;

import java.util.Objects;
import java.util.OptionalLong;

/** A JSON scalar as {@link FlatJson} reads and writes it: a string, a number or a boolean. */
public sealed interface JsonValue permits JsonValue.Str, JsonValue.Num, JsonValue.Bool {

    /** A string, already unescaped: never holds an unpaired surrogate. */
    record Str(String value) implements JsonValue {
        public Str {
            Objects.requireNonNull(value, "value");
        }
    }

    /**
     * A number, kept as its exact JSON text (grammar-checked, at most the configured length), so
     * nothing is lost to rounding and no big-number arithmetic runs on untrusted input.
     */
    record Num(String text) implements JsonValue {
        public Num {
            Objects.requireNonNull(text, "text");
        }

        /** A JSON number for {@code value}, as {@link FlatJson.ObjectWriter} writes it. */
        public static Num of(long value) {
            return new Num(Long.toString(value));
        }

        /**
         * The value if the text is a plain integer ({@code -?(0|[1-9][0-9]*)}, no fraction or
         * exponent) within the range of {@code long}; empty otherwise.
         */
        public OptionalLong asLong() {
            int start = text.startsWith("-") ? 1 : 0;
            if (text.length() == start || text.length() - start > 19) {
                return OptionalLong.empty();
            }
            for (int i = start; i < text.length(); i++) {
                char c = text.charAt(i);
                if (c < '0' || c > '9') {
                    return OptionalLong.empty();
                }
            }
            if (text.charAt(start) == '0' && text.length() > start + 1) {
                return OptionalLong.empty();
            }
            try {
                return OptionalLong.of(Long.parseLong(text));
            } catch (NumberFormatException e) {
                return OptionalLong.empty();
            }
        }
    }

    /** {@code true} or {@code false}. */
    record Bool(boolean value) implements JsonValue {}
}
