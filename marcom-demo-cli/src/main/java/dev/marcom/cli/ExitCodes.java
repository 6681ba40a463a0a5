package dev.marcom.cli;

import dev.marcom.AuthenticationException;
import dev.marcom.MalformedInputException;
import dev.marcom.MarcomException;
import dev.marcom.NegotiationException;
import dev.marcom.identity.UntrustedPeerException;
import java.io.IOException;
import picocli.CommandLine;

/** The documented exit codes and the mapping from failures to them. */
final class ExitCodes {
    static final int OK = 0;
    static final int USAGE = 2;
    static final int SECURITY = 3;
    static final int NETWORK = 4;

    private ExitCodes() {}

    /**
     * A failure already put in the user's words, with its exit code: printed as {@code marcom: }
     * and the message, nothing else.
     */
    static final class Explained extends Exception {
        private static final long serialVersionUID = 1L;
        final int code;

        Explained(int code, String message, Throwable cause) {
            super(message, cause);
            this.code = code;
        }
    }

    /** The exit code for a failure. */
    static int of(Throwable t) {
        if (t instanceof Explained e) {
            return e.code;
        }
        if (t instanceof dev.marcom.identity.RefusedByPeerException) {
            return SECURITY;
        }
        if (t instanceof dev.marcom.identity.IdentityFileException || t instanceof IllegalArgumentException) {
            return USAGE;
        }
        if (t instanceof AuthenticationException
                || t instanceof UntrustedPeerException
                || t instanceof NegotiationException
                || t instanceof MalformedInputException) {
            return SECURITY;
        }
        if (t instanceof MarcomException || t instanceof IOException) {
            return NETWORK;
        }
        return 1;
    }

    /** Prints one clear line for expected failures; a stack trace only for bugs. */
    static final class Handler implements CommandLine.IExecutionExceptionHandler {
        @Override
        public int handleExecutionException(Exception ex, CommandLine cl, CommandLine.ParseResult parsed) {
            int code = of(ex);
            if (code == 1) {
                ex.printStackTrace(cl.getErr());
            } else {
                cl.getErr()
                        .println("marcom: "
                                + (ex instanceof Explained
                                        ? ""
                                        : code == SECURITY
                                                ? "security failure: "
                                                : code == NETWORK ? "network failure: " : "")
                                + ex.getMessage());
            }
            return code;
        }
    }
}
