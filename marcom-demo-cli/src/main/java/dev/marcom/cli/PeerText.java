package dev.marcom.cli;

import java.util.List;

/**
 * Makes text that a peer chose (messages, file names) safe to print on a terminal: it can neither
 * drive the terminal nor pass for something this program printed.
 *
 * <h2>Security guarantees</h2>
 * {@link #escape} leaves no character that a terminal acts on or that changes how the rest of the
 * line reads: control characters (C0 including tab and newline, DEL, C1) become {@code \xNN}
 * (so ESC, the start of every ANSI escape sequence, prints as {@code \x1b}); invisible format
 * characters (Unicode category Cf: the bidirectional embeddings and overrides
 * U+202A&ndash;U+202E, the isolates U+2066&ndash;U+2069, the directional marks, zero-width
 * spaces, U+FEFF, tag characters), the line and paragraph separators U+2028/U+2029 and unpaired
 * surrogates become <code>&#92;uXXXX</code> (<code>&#92;UXXXXXXXX</code> above U+FFFF). The
 * zero-width joiner and non-joiner (U+200D, U+200C) stay: emoji sequences and several scripts
 * need them, and they reorder nothing. Everything else, non-ASCII letters and emoji included, is
 * kept as is. {@link #lines} also shows a multi-line message as one header line followed by
 * continuation lines that start with {@link #CONTINUATION}, which no header starts with.
 *
 * <p>A backslash is not escaped: a peer can make its text <em>read</em> {@code \x1b}, never
 * <em>be</em> one. The exact text is in {@code --json} output.
 */
final class PeerText {
    /** The start of every continuation line of a multi-line message. */
    static final String CONTINUATION = "  | ";

    private PeerText() {}

    /** {@code text} with every unsafe character escaped (see the class comment). */
    static String escape(String text) {
        StringBuilder b = null;
        for (int i = 0; i < text.length(); ) {
            int c = text.codePointAt(i);
            int n = Character.charCount(c);
            if (isUnsafe(c)) {
                if (b == null) {
                    b = new StringBuilder(text.length() + 16).append(text, 0, i);
                }
                if (Character.isISOControl(c)) {
                    b.append(String.format("\\x%02x", c));
                } else if (c < 0x10000) {
                    b.append(String.format("\\u%04x", c));
                } else {
                    b.append(String.format("\\U%08x", c));
                }
            } else if (b != null) {
                b.appendCodePoint(c);
            }
            i += n;
        }
        return b == null ? text : b.toString();
    }

    /**
     * A message as terminal lines: the first is {@code header} followed by the message's first
     * line; each further line of the message (after {@code \n} or {@code \r\n}) is
     * {@link #CONTINUATION} followed by that line. Every line of the message is {@linkplain #escape
     * escaped}, so none can hold another line break or start like a header.
     */
    static List<String> lines(String header, String text) {
        String[] parts = text.split("\r?\n", -1);
        String[] out = new String[parts.length];
        for (int i = 0; i < parts.length; i++) {
            out[i] = (i == 0 ? header : CONTINUATION) + escape(parts[i]);
        }
        return List.of(out);
    }

    /** Whether a terminal might act on {@code c}, or it could change how the line reads. */
    static boolean isUnsafe(int c) {
        if (Character.isISOControl(c)) {
            return true;
        }
        switch (Character.getType(c)) {
            case Character.FORMAT:
                return c != 0x200c && c != 0x200d;
            case Character.LINE_SEPARATOR:
            case Character.PARAGRAPH_SEPARATOR:
            case Character.SURROGATE:
                return true;
            default:
                return false;
        }
    }
}
