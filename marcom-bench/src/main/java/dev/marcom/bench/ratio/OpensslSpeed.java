package dev.marcom.bench.ratio;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The native limit as a {@link Subject}: one {@code openssl speed -seconds N dsa2048} per slice
 * (OpenSSL signs for N seconds, then verifies for N seconds) and its DSA-2048 verifications per
 * second. The process runs while this JVM waits, so it sees the machine as the JVM subjects do in
 * the slices around it.
 */
final class OpensslSpeed implements Subject {
    private static final Pattern DSA_LINE =
            Pattern.compile("(?m)^dsa\\s+2048\\s+bits\\s+\\S+\\s+\\S+\\s+([0-9.]+)\\s+([0-9.]+)\\s*$");

    @Override
    public String name() {
        return "openssl";
    }

    @Override
    public boolean inJvm() {
        return false;
    }

    /** Runs {@code openssl speed} for whole seconds, at least one, of verification. */
    @Override
    public double run(long nanos) throws IOException, InterruptedException {
        long seconds = Math.max(1, Math.round(nanos / 1e9));
        String out = speed(List.of("openssl", "speed", "-seconds", Long.toString(seconds), "dsa2048"));
        return verifyPerSecond(out);
    }

    /** Whether {@code openssl} runs here. */
    static boolean available() {
        try {
            speed(List.of("openssl", "version"));
            return true;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /**
     * The verifications per second of {@code openssl speed}'s DSA-2048 line
     * ({@code dsa 2048 bits <sign s> <verify s> <sign/s> <verify/s>}).
     *
     * @throws IOException when the output has no such line
     */
    static double verifyPerSecond(String output) throws IOException {
        Matcher m = DSA_LINE.matcher(output);
        if (!m.find()) {
            throw new IOException("openssl speed printed no DSA-2048 line");
        }
        return Double.parseDouble(m.group(2));
    }

    private static String speed(List<String> command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command)
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        String out;
        try (InputStream in = p.getInputStream()) {
            out = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException(String.join(" ", command) + " did not finish");
        }
        if (p.exitValue() != 0) {
            throw new IOException(String.join(" ", command) + " exited with " + p.exitValue());
        }
        return out;
    }
}
