package dev.marcom.cli;

import dev.marcom.MarcomException;
import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * The input side of a chat: each stdin line becomes a message to every current session;
 * {@code /send PATH} sends a file, {@code /quit} ends, {@code /help} lists the commands. Unknown
 * commands and empty lines are never sent (see {@link ChatLine}).
 */
final class ChatRunner {
    /** Why {@link #run} returned. */
    enum End {
        /** The user typed {@code /quit}. */
        QUIT,
        /** Standard input ended. */
        END_OF_INPUT,
        /** The caller's {@code finished} condition became true. */
        FINISHED
    }

    private ChatRunner() {}

    /**
     * Runs until input ends, {@code /quit}, or {@code finished} says so.
     *
     * @param sessions the sessions a line goes to, read anew for every line
     */
    static End run(InputLines input, Supplier<List<PeerSession>> sessions, Terminal terminal, BooleanSupplier finished)
            throws InterruptedException {
        while (!finished.getAsBoolean()) {
            InputLines.Input in = input.poll(100);
            if (in instanceof InputLines.Input.End) {
                return End.END_OF_INPUT;
            }
            if (!(in instanceof InputLines.Input.Line line)) {
                continue;
            }
            ChatLine parsed = ChatLine.parse(line.text());
            if (parsed instanceof ChatLine.Quit) {
                return End.QUIT;
            } else if (parsed instanceof ChatLine.Help) {
                terminal.info(ChatLine.HELP);
            } else if (parsed instanceof ChatLine.Refused r) {
                refuse(terminal, r.problem());
            } else if (parsed instanceof ChatLine.Send s && !Files.isRegularFile(s.file())) {
                refuse(terminal, "no such file: " + s.file());
            } else if (!(parsed instanceof ChatLine.Blank)) {
                List<PeerSession> targets = sessions.get();
                if (targets.isEmpty()) {
                    refuse(terminal, "no peer is connected; nothing was sent");
                }
                for (PeerSession s : targets) {
                    send(s, parsed, terminal);
                }
            }
        }
        return End.FINISHED;
    }

    private static void refuse(Terminal terminal, String problem) {
        terminal.info("marcom: " + problem);
        terminal.event(JsonLine.event("error").put("message", problem));
    }

    private static void send(PeerSession s, ChatLine line, Terminal terminal) {
        try {
            if (line instanceof ChatLine.Send file) {
                s.sendFile(file.file());
            } else if (line instanceof ChatLine.Text text) {
                s.send(text.text());
            }
        } catch (IOException | MarcomException | RuntimeException e) {
            // The session's reader reports how the session ended; a local failure (such as an
            // unwritable transcript) ends this session.
            terminal.info("marcom: could not send: " + e.getMessage());
            if (e instanceof RuntimeException) {
                s.close();
            }
        }
    }
}
