package dev.marcom.transport;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.function.LongConsumer;

/**
 * Saves incoming streams as files safely.
 *
 * <h2>Security guarantees</h2>
 * {@link #save} writes to a hidden temporary file in the target directory and moves it to its
 * final name only after the stream's signature verified; a tampered, truncated or unsigned
 * stream leaves no file that looks complete. The final name comes from {@link #safeName}: the
 * peer's name can never escape the directory, hide itself or overwrite an existing file.
 */
public final class ReceivedFiles {
  private static final int MAX_NAME = 120;

  private ReceivedFiles() {
  }

  /**
   * Makes a safe file name from a peer-supplied one: only its last path element, with control
   * characters and colons replaced by {@code _}, without leading dots, at most 120 characters,
   * never empty.
   *
   * @param peerName the name the peer sent
   * @return the sanitised name, or {@code "received-file"} if nothing is left
   */
  public static String safeName(String peerName) {
    String base = peerName.replace('\\', '/');
    base = base.substring(base.lastIndexOf('/') + 1);
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < base.length() && b.length() < MAX_NAME; i++) {
      char c = base.charAt(i);
      b.append(Character.isISOControl(c) || c == ':' ? '_' : c);
    }
    String s = b.toString().strip();
    while (s.startsWith(".")) {
      s = s.substring(1);
    }
    return s.isEmpty() ? "received-file" : s;
  }

  /**
   * Reads {@code stream} to its verified end into {@code directory} (created if needed).
   *
   * @param stream an incoming stream, read to its end
   * @param directory where to save the file
   * @param progress called with the byte count after each chunk
   * @return the saved file: {@code safeName(stream.name())}, or {@code "name (n)"} if taken
   * @throws StreamVerificationException if the stream fails verification (nothing is kept)
   * @throws IOException on transport or file-system failure (nothing is kept)
   */
  public static Path save(InboundStream stream, Path directory, LongConsumer progress)
      throws IOException {
    Files.createDirectories(directory);
    String name = safeName(stream.name());
    Path tmp = Files.createTempFile(directory, ".incoming-", ".part");
    try {
      try (OutputStream out = Files.newOutputStream(tmp)) {
        byte[] buf = new byte[64 * 1024];
        long done = 0;
        int n;
        while ((n = stream.read(buf)) >= 0) {
          out.write(buf, 0, n);
          done += n;
          progress.accept(done);
        }
      }
      stream.verified(); // throws unless the signature verified at the end
      for (int i = 0; ; i++) {
        Path target = directory.resolve(i == 0 ? name : name + " (" + i + ")");
        try {
          // Files.move with ATOMIC_MOVE may replace an existing file on POSIX, so claim the
          // name first with createFile, which fails if it exists.
          Files.createFile(target);
          Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE,
              StandardCopyOption.REPLACE_EXISTING);
          return target;
        } catch (FileAlreadyExistsException taken) {
          // try the next name
        }
      }
    } finally {
      Files.deleteIfExists(tmp);
    }
  }
}
