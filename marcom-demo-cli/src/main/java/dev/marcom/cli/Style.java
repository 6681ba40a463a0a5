package dev.marcom.cli;

import dev.marcom.trace.Phase;

/**
 * ANSI styling for the terminal, one colour per protocol phase. Colour is used only when the
 * stream is a terminal, {@code NO_COLOR} is unset and {@code --no-color} was not given.
 */
final class Style {
    private final boolean enabled;

    private Style(boolean enabled) {
        this.enabled = enabled;
    }

    static Style plain() {
        return new Style(false);
    }

    /** Colour if {@code wanted}, a console is attached, and NO_COLOR is not set. */
    static Style detect(boolean wanted) {
        String noColor = System.getenv("NO_COLOR");
        boolean tty = Tty.console() != null;
        return new Style(wanted && tty && (noColor == null || noColor.isEmpty()));
    }

    /** Forces colour on (for tests and for --color=always). */
    static Style ansi() {
        return new Style(true);
    }

    boolean enabled() {
        return enabled;
    }

    static String code(Phase phase) {
        return switch (phase) {
            case NETWORK -> "94";
            case KEY_EXCHANGE -> "95";
            case ELGAMAL -> "93";
            case AES_GCM -> "92";
            case SHA256 -> "96";
            case DSA -> "38;5;208";
        };
    }

    String phase(Phase phase, String text) {
        return wrap(code(phase), text);
    }

    String bold(String text) {
        return wrap("1", text);
    }

    String error(String text) {
        return wrap("1;31", text);
    }

    String warning(String text) {
        return wrap("1;30;43", text);
    }

    private String wrap(String code, String text) {
        return enabled ? "\u001b[" + code + "m" + text + "\u001b[0m" : text;
    }
}
