package dev.marcom.cli;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;

/**
 * One line typed into a chat, parsed: a message, a slash command, or nothing to send. A line that
 * starts with {@code /} is always a command, so a mistyped command ({@code /qiut}) is refused
 * locally instead of reaching the peer; {@code //} at the start sends a message that begins with
 * one {@code /}.
 */
sealed interface ChatLine {
    /** The commands, as {@code /help} lists them. */
    String HELP = String.join(
            "\n",
            "commands:",
            "  /send PATH   send a file (signed, verified by the peer before it is saved)",
            "  /quit        close the session(s) cleanly and exit",
            "  /help        this list",
            "  //TEXT       send a message that starts with /TEXT",
            "any other line is sent as one signed message; empty lines are not sent");

    /** A message to send. */
    record Text(String text) implements ChatLine {}

    /** {@code /send PATH}. */
    record Send(Path file) implements ChatLine {}

    /** {@code /quit}. */
    record Quit() implements ChatLine {}

    /** {@code /help}. */
    record Help() implements ChatLine {}

    /** An empty or blank line: nothing is sent. */
    record Blank() implements ChatLine {}

    /** A command that is not known or not well-formed; {@code problem} says why, for the user. */
    record Refused(String problem) implements ChatLine {}

    /** Parses one input line (without its line terminator). */
    static ChatLine parse(String line) {
        if (line.isBlank()) {
            return new Blank();
        }
        if (!line.startsWith("/")) {
            return new Text(line);
        }
        if (line.startsWith("//")) {
            return new Text(line.substring(1));
        }
        String stripped = line.strip();
        int space = stripped.indexOf(' ');
        String command = space < 0 ? stripped : stripped.substring(0, space);
        String argument = space < 0 ? "" : stripped.substring(space + 1).strip();
        switch (command) {
            case "/send":
                if (argument.isEmpty()) {
                    return new Refused("usage: /send PATH");
                }
                try {
                    return new Send(Path.of(argument));
                } catch (InvalidPathException e) {
                    return new Refused("not a valid path: " + e.getReason());
                }
            case "/quit":
                return argument.isEmpty() ? new Quit() : new Refused("/quit takes no argument");
            case "/help":
                return new Help();
            default:
                return new Refused("unknown command " + command + "; /help lists commands");
        }
    }
}
