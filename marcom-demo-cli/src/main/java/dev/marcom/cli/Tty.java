package dev.marcom.cli;

import java.io.Console;
import java.io.IOException;
import java.lang.ProcessBuilder.Redirect;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Whether standard input is a terminal, and the console when there is one. Java 17 answers only
 * "stdin and stdout are both terminals" ({@link System#console()} is null otherwise), which is not
 * enough to tell a user why there was no passphrase prompt; so this asks {@code test -t 0} with
 * the same stdin.
 */
final class Tty {
    private Tty() {}

    /**
     * {@link System#console()} when standard input and output are a terminal, else null. JDK 22 to
     * 24 return a console also when they are redirected; there {@code Console.isTerminal()} (JDK 22
     * and later, so called reflectively from this Java 17 code) tells which.
     */
    @SuppressWarnings("SystemConsoleNull") // what the check asks: isTerminal() where it exists
    static Console console() {
        Console console = System.console();
        if (console == null) {
            return null;
        }
        try {
            return Boolean.TRUE.equals(Console.class.getMethod("isTerminal").invoke(console)) ? console : null;
        } catch (NoSuchMethodException e) {
            return console; // before JDK 22, a console exists only on a terminal
        } catch (ReflectiveOperationException e) {
            throw new LinkageError("Console.isTerminal()", e);
        }
    }

    /** True or false as the system says; empty when it cannot be told (no {@code sh}). */
    static Optional<Boolean> stdinIsTerminal() {
        try {
            Process p = new ProcessBuilder("sh", "-c", "test -t 0")
                    .redirectInput(Redirect.INHERIT)
                    .redirectOutput(Redirect.DISCARD)
                    .redirectError(Redirect.DISCARD)
                    .start();
            if (!p.waitFor(5, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return Optional.empty();
            }
            return Optional.of(p.exitValue() == 0);
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }
}
