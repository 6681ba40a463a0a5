package dev.marcom.identity;

import dev.marcom.Fingerprint;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Child process for {@link KnownPeersConcurrencyTest}: prints {@code ready}, waits until the go
 * file exists (so every process writes at the same time), then adds {@code count} distinct
 * entries {@code <prefix>-<i>:7000} to the known-peers file, one locked rewrite each, and prints
 * {@code done}.
 *
 * <p>Arguments: {@code <known_peers path> <prefix> <count> <go file>}.
 */
public final class KnownPeersWriterMain {
    private KnownPeersWriterMain() {}

    public static void main(String[] args) throws Exception {
        Path file = Path.of(args[0]);
        String prefix = args[1];
        int count = Integer.parseInt(args[2]);
        Path go = Path.of(args[3]);
        PrintStream out = System.out;
        out.println("ready");
        out.flush();
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (!Files.exists(go)) {
            if (System.nanoTime() - deadline > 0) {
                throw new IllegalStateException("no go signal");
            }
            Thread.sleep(2);
        }
        KnownPeers store = KnownPeers.open(file);
        for (int i = 0; i < count; i++) {
            store.put(address(prefix, i), fingerprint(prefix, i), "written by " + prefix);
        }
        out.println("done");
        out.flush();
    }

    static String address(String prefix, int i) {
        return prefix + "-" + i + ":7000";
    }

    /** A distinct, deterministic fingerprint per entry (the hash of its name). */
    static Fingerprint fingerprint(String prefix, int i) {
        return Fingerprint.of((prefix + "/" + i).getBytes(StandardCharsets.UTF_8));
    }
}
