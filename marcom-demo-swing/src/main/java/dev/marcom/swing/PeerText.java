package dev.marcom.swing;

/**
 * Makes text that a peer chose (messages, file names) safe to show in the chat: it can neither
 * reorder what the user reads nor hide characters, and a message's line breaks stay inside its
 * own bubble (which carries the badge of who signed it).
 *
 * <h2>Security guarantees</h2>
 * {@link #escape} leaves no control character (C0 including tab and newline, DEL, C1: shown as
 * {@code \xNN}) and no invisible format character (Unicode category Cf: the bidirectional
 * embeddings and overrides U+202A&ndash;U+202E, by which {@code abc}, U+202E, {@code gnp.exe}
 * would read {@code abcexe.png}, the isolates U+2066&ndash;U+2069, the directional marks,
 * zero-width spaces, U+FEFF, tag characters), no line or paragraph separator and no unpaired
 * surrogate (shown as <code>&#92;uXXXX</code>, or <code>&#92;UXXXXXXXX</code> above U+FFFF). The
 * zero-width joiner and non-joiner (U+200D, U+200C) stay: emoji sequences and several scripts
 * need them, and they reorder nothing. The same rules as the CLI's {@code PeerText}.
 */
final class PeerText {
    private PeerText() {}

    /** {@code text} with every unsafe character escaped (see the class comment). */
    static String escape(String text) {
        StringBuilder b = null;
        for (int i = 0; i < text.length(); ) {
            int c = text.codePointAt(i);
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
            i += Character.charCount(c);
        }
        return b == null ? text : b.toString();
    }

    /**
     * {@code text} as the body of an HTML label: each line (split at {@code \n} or {@code \r\n})
     * {@linkplain #escape escaped} and HTML-escaped, the lines joined with {@code <br>}.
     */
    static String html(String text) {
        String[] lines = text.split("\r?\n", -1);
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < lines.length; i++) {
            if (i > 0) {
                b.append("<br>");
            }
            b.append(escape(lines[i]).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;"));
        }
        return b.toString();
    }

    /** Whether {@code c} is a control character, or could change how the text around it reads. */
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
