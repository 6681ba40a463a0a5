package dev.marcom.transport;

import dev.marcom.internal.fs.SafeFiles;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import java.util.function.LongConsumer;

/**
 * Saves incoming streams as files safely.
 *
 * <h2>Security guarantees</h2>
 * {@link #save} writes to a hidden temporary file in the target directory and gives it its final
 * name only after the stream's signature verified, in one atomic step that never replaces an
 * existing file: a tampered, truncated or unsigned stream, or any failure while saving, leaves no
 * file under the final name. The final name comes from {@link #safeName}: the peer's name can
 * never escape the directory, hide itself, disguise its extension with invisible or bidirectional
 * formatting characters, name a Windows device or overwrite an existing file.
 */
public final class ReceivedFiles {
    private static final int MAX_NAME = 120;
    /** Characters Windows does not allow in a name (besides the separators and controls). */
    private static final String WINDOWS_FORBIDDEN = ":<>\"|?*";
    /** Windows device names, upper case: a file named so (with any extension) is the device. */
    private static final Set<String> WINDOWS_DEVICES = windowsDevices();

    private ReceivedFiles() {}

    private static Set<String> windowsDevices() {
        Set<String> names = new HashSet<>(Set.of("CON", "PRN", "AUX", "NUL", "CONIN$", "CONOUT$"));
        for (String digit :
                new String[] {"0", "1", "2", "3", "4", "5", "6", "7", "8", "9", "\u00b9", "\u00b2", "\u00b3"}) {
            names.add("COM" + digit);
            names.add("LPT" + digit);
        }
        return Set.copyOf(names);
    }

    /**
     * Makes a safe file name from a peer-supplied one:
     * <ul>
     *   <li>only its last path element ({@code /} and {@code \} both separate);
     *   <li>control characters, invisible formatting characters (Unicode category Cf: the
     *       bidirectional overrides U+202A&ndash;U+202E and isolates U+2066&ndash;U+2069, by which
     *       {@code abc}, U+202E, {@code gnp.exe} displays as {@code abcexe.png}, zero-width
     *       characters, and others), the line and paragraph separators and the characters Windows forbids in
     *       names ({@code : < > " | ? *}) each replaced by {@code _};
     *   <li>at most 120 characters, without leading dots or spaces, and without trailing dots or
     *       spaces (which Windows drops);
     *   <li>a Windows reserved device name ({@code CON}, {@code PRN}, {@code AUX}, {@code NUL},
     *       {@code COM0}&ndash;{@code COM9}, {@code LPT0}&ndash;{@code LPT9}, also with the
     *       superscript digits &sup1;&sup2;&sup3;, {@code CONIN$}, {@code CONOUT$}), in any case and
     *       with any extension, gets a leading {@code _} ({@code "con.txt"} becomes
     *       {@code "_con.txt"});
     *   <li>never empty.
     * </ul>
     *
     * @param peerName the name the peer sent
     * @return the sanitised name, or {@code "received-file"} if nothing is left
     */
    public static String safeName(String peerName) {
        String base = peerName.replace('\\', '/');
        base = base.substring(base.lastIndexOf('/') + 1);
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < base.length(); ) {
            int c = base.codePointAt(i);
            i += Character.charCount(c);
            if (b.length() + Character.charCount(c) > MAX_NAME) {
                break;
            }
            if (replaced(c)) {
                b.append('_');
            } else {
                b.appendCodePoint(c);
            }
        }
        String s = trim(b.toString());
        if (s.isEmpty()) {
            return "received-file";
        }
        return isWindowsDevice(s) ? "_" + s : s;
    }

    /** Characters that never appear in a saved name. */
    private static boolean replaced(int c) {
        int type = Character.getType(c);
        return Character.isISOControl(c)
                || type == Character.FORMAT
                || type == Character.LINE_SEPARATOR
                || type == Character.PARAGRAPH_SEPARATOR
                || type == Character.SURROGATE
                || WINDOWS_FORBIDDEN.indexOf(c) >= 0;
    }

    /** Without leading dots and white space, and without trailing dots and white space. */
    private static String trim(String s) {
        int start = 0;
        int end = s.length();
        while (start < end && (s.charAt(start) == '.' || Character.isWhitespace(s.charAt(start)))) {
            start++;
        }
        while (end > start && (s.charAt(end - 1) == '.' || Character.isWhitespace(s.charAt(end - 1)))) {
            end--;
        }
        return s.substring(start, end);
    }

    /**
     * Whether Windows takes {@code name} for a device: its part before the first dot, without
     * trailing spaces, is a reserved name in any case ({@code "nul.tar.gz"}, {@code "Aux .txt"}).
     */
    private static boolean isWindowsDevice(String name) {
        int dot = name.indexOf('.');
        String stem = (dot < 0 ? name : name.substring(0, dot)).stripTrailing();
        return WINDOWS_DEVICES.contains(stem.toUpperCase(Locale.ROOT));
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
    public static Path save(InboundStream stream, Path directory, LongConsumer progress) throws IOException {
        Files.createDirectories(directory);
        String name = safeName(stream.name());
        // Owner-only (createTempFile's default on POSIX) until the user moves it elsewhere.
        Path tmp = Files.createTempFile(directory, ".incoming-", ".part");
        try {
            try (FileChannel out = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                byte[] buf = new byte[64 * 1024];
                long done = 0;
                int n;
                while ((n = stream.read(buf)) >= 0) {
                    ByteBuffer chunk = ByteBuffer.wrap(buf, 0, n);
                    while (chunk.hasRemaining()) {
                        out.write(chunk);
                    }
                    done += n;
                    progress.accept(done);
                }
                stream.verified(); // throws unless the signature verified at the end
                out.force(true);
            }
            for (int i = 0; ; i++) {
                Path target = directory.resolve(i == 0 ? name : name + " (" + i + ")");
                try {
                    // One atomic step that fails if the name is taken: no moment, and no failure, leaves
                    // an empty or partial file under the final name.
                    SafeFiles.publish(tmp, target, false);
                    SafeFiles.syncDirectory(directory);
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
