package dev.marcom.cli;

import dev.marcom.Direction;
import dev.marcom.transcript.TranscriptException;
import dev.marcom.transcript.TranscriptSummary;
import dev.marcom.transcript.TranscriptVerifier;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code marcom verify TRANSCRIPT}: check a signed transcript offline. */
@Command(
        name = "verify",
        mixinStandardHelpOptions = true,
        description = {
            "Check a signed transcript offline: every signature, the sequence numbers "
                    + "per direction, and each line's text against what was signed.",
            "Exit 0 only if every entry verifies; otherwise exit 3 naming the first bad line."
        })
final class VerifyCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(paramLabel = "TRANSCRIPT", description = "The transcript file (JSON lines).")
    Path transcript;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (!Files.isRegularFile(transcript)) {
            err.println("marcom: no such file: " + transcript);
            return ExitCodes.USAGE;
        }
        TranscriptSummary summary;
        try {
            summary = TranscriptVerifier.create().verify(transcript);
        } catch (TranscriptException e) {
            // The message names the line already ("transcript line N: ..."); it may quote the
            // untrusted file (a member name), so it is escaped like peer text.
            err.println("marcom: " + transcript + ": " + PeerText.escape(String.valueOf(e.getMessage())));
            return ExitCodes.SECURITY;
        }
        out.println(transcript + ": OK, " + count(summary.messages()) + " verified, written by " + summary.writer());
        for (TranscriptSummary.SessionSummary s : summary.sessions()) {
            out.println("  session " + s.sessionId().hex());
            for (Direction d : Direction.values()) {
                long n = s.messages(d);
                if (n > 0) {
                    out.println("    " + (d == Direction.CLIENT_TO_SERVER ? "client-to-server" : "server-to-client")
                            + ": " + count(n) + " signed by "
                            + s.signer(d).map(Object::toString).orElse("?"));
                }
            }
        }
        out.flush();
        return ExitCodes.OK;
    }

    private static String count(long n) {
        return n + (n == 1 ? " message" : " messages");
    }
}
