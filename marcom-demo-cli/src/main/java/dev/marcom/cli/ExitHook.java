package dev.marcom.cli;

/**
 * A JVM shutdown hook for the lifetime of a command, so that SIGINT (Ctrl-C) and SIGTERM end the
 * sessions cleanly before the process exits. The JVM then exits with 130 (SIGINT) or 143
 * (SIGTERM), as shells report a process ended by a signal. {@link #close()} removes the hook when
 * the command finishes normally.
 */
final class ExitHook implements AutoCloseable {
    private final Thread thread;

    private ExitHook(Thread thread) {
        this.thread = thread;
    }

    /** Runs {@code onExit} if the JVM shuts down (a signal, or another thread's exit) before close. */
    static ExitHook install(Runnable onExit) {
        Thread t = new Thread(onExit, "marcom-exit");
        Runtime.getRuntime().addShutdownHook(t);
        return new ExitHook(t);
    }

    @Override
    public void close() {
        try {
            Runtime.getRuntime().removeShutdownHook(thread);
        } catch (IllegalStateException shuttingDown) {
            // the hook runs (or ran) anyway
        }
    }
}
