package dev.marcom.identity;

import dev.marcom.MalformedInputException;
import java.nio.file.Path;

/**
 * A line of a {@link KnownPeers} or {@link AuthorizedPeers} file does not parse, or repeats an
 * entry that must be unique. The message reads
 * like a compiler diagnostic, {@code <file>:<line>: <problem>}, so the user can open the file at
 * that line. A store with such a line is refused as a whole (it fails closed): skipping the line
 * would make its peer look new, and trust on first use would then record whatever key the network
 * presents.
 */
public class PeerFileFormatException extends MalformedInputException {
    private static final long serialVersionUID = 1L;

    private final transient Path file;
    /** The 1-based number of the offending line. */
    private final int line;

    /**
     * Creates the exception; its message is {@code <file>:<line>: <problem>}.
     *
     * @param file the file
     * @param line the 1-based line number of the offending line
     * @param problem what is wrong with it
     */
    public PeerFileFormatException(Path file, int line, String problem) {
        super(file + ":" + line + ": " + problem);
        this.file = file;
        this.line = line;
    }

    /**
     * Returns the file with the malformed line.
     *
     * @return the file; null only after deserialization, since a {@link Path} is not serializable
     */
    public Path file() {
        return file;
    }

    /**
     * Returns the number of the offending line.
     *
     * @return the line number, counting from 1
     */
    public int line() {
        return line;
    }
}
