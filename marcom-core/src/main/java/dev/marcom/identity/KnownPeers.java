package dev.marcom.identity;

import dev.marcom.Fingerprint;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The peers this user has met, in a text file like OpenSSH's {@code known_hosts}: for each address
 * (as the user typed it, e.g. {@code example.org:7000}) the fingerprint of the identity it proved.
 * The command-line app keeps it in {@code <MARCOM home>/known_peers}.
 *
 * <h2>File format</h2>
 * UTF-8 text, one entry per line: {@code <address> <fingerprint> [comment]}, fields separated by
 * spaces or tabs, for example
 * <pre>
 * # MARCOM known peers
 * bob.example:7000 SHA256:0nmrZ0qAJ6Pel3JKqrnVCqEvgxSmV1CX2yc5ecdhNFY # first seen 2025-01-01
 * </pre>
 * The address is any run of non-space characters not starting with {@code #}, compared exactly
 * (no case folding, no DNS: {@code localhost:7000} and {@code 127.0.0.1:7000} are different
 * peers). The fingerprint is {@link Fingerprint}'s {@code SHA256:} form. Whatever follows the
 * fingerprint is a comment and is kept as written. Blank lines and lines whose first non-blank
 * character is {@code #} are comments. Every line is kept byte for byte when the file is
 * rewritten; only the added, replaced or removed entry changes.
 *
 * <p>A line that is not an entry or a comment, or a second entry for an address, makes every read
 * fail with {@link PeerFileFormatException} naming the file and line. Such lines are never
 * skipped: skipping an entry would make its peer look new, and trust on first use would then
 * record whatever key the network presents.
 *
 * <h2>Policies</h2>
 * {@link #tofu(String)} and {@link #strict(String)} make a {@link TrustPolicy} for one connection
 * to one address; after the handshake, {@link KnownPeerPolicy#decision()} says whether the peer
 * was new (and has just been recorded) or matched its entry. A peer whose key differs from its
 * entry is refused with {@link ChangedPeerKeyException} by both. To ask the user before recording
 * a new peer (the OpenSSH prompt), connect with {@code strict}; its {@link UntrustedPeerException}
 * carries the peer's identity to show; if the user accepts, {@link #put} it and connect again.
 *
 * <h2>Concurrency and durability</h2>
 * Reads take no lock: writers replace the file atomically (write a temporary file in the same
 * directory, {@code fsync} it, rename it over the old one with {@code ATOMIC_MOVE}), so a reader
 * sees either the old or the new file, never a mix. Writers serialise on a {@link FileChannel}
 * lock on a separate, never-deleted lock file ({@code known_peers.lock}) and re-read the file
 * under the lock, so concurrent sessions in any number of threads and processes lose no entry.
 * Waiting for the lock gives up after 10 seconds with an {@link IOException}. On POSIX file
 * systems the file, the lock file, temporary files and a created parent directory are owner-only
 * ({@code 0600}, {@code 0700}); elsewhere they inherit the directory's access control.
 *
 * <p>Instances hold no cached state and are safe to share between threads; several instances for
 * one file (in one or several processes) coordinate through the lock.
 */
public final class KnownPeers {
    /** The conventional file name inside the MARCOM home directory. */
    public static final String FILE_NAME = "known_peers";

    /** Files larger than this are refused rather than read (a hand-kept list is far smaller). */
    static final int MAX_FILE_BYTES = PeerFile.MAX_FILE_BYTES;

    static final int MAX_ADDRESS_CHARS = 1024;
    private static final String HEADER = "# MARCOM known peers: one \"<address> <fingerprint> [comment]\" per line.\n"
            + "# To forget a peer, or to accept a peer's new identity after checking it, edit or delete"
            + " its line.";

    private final PeerFile store;
    private final Path file;
    private final Clock clock;

    private KnownPeers(Path file, Clock clock) {
        this.store = new PeerFile(file);
        this.file = store.file();
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * A store kept in {@code file}, which need not exist yet (it is created on the first write, with
     * its parent directories). Entries recorded on first use are dated with the system clock in
     * UTC. Does no I/O.
     *
     * @param file the file; made absolute
     * @return the store
     * @throws IllegalArgumentException if {@code file} is a root directory
     */
    public static KnownPeers open(Path file) {
        return new KnownPeers(file, Clock.systemUTC());
    }

    /**
     * As {@link #open(Path)}, with the clock that dates entries recorded on first use.
     *
     * @param file the file; made absolute
     * @param clock dates recorded entries
     * @return the store
     * @throws IllegalArgumentException if {@code file} is a root directory
     * @throws NullPointerException if {@code clock} is null
     */
    public static KnownPeers open(Path file, Clock clock) {
        return new KnownPeers(file, clock);
    }

    /**
     * One entry of the file.
     *
     * @param address the address, as typed by the user
     * @param fingerprint the fingerprint recorded for it
     * @param comment the rest of the line after the fingerprint, stripped ({@code ""} if none)
     * @param line the 1-based line number in the file when it was read or written
     */
    public record Entry(String address, Fingerprint fingerprint, String comment, int line) {
        /**
         * Checks that the fields are present.
         *
         * @param address the address, as typed by the user
         * @param fingerprint the fingerprint recorded for it
         * @param comment the rest of the line after the fingerprint, stripped ({@code ""} if none)
         * @param line the 1-based line number in the file when it was read or written
         * @throws NullPointerException if {@code address}, {@code fingerprint} or {@code comment} is
         *     null
         */
        public Entry {
            Objects.requireNonNull(address, "address");
            Objects.requireNonNull(fingerprint, "fingerprint");
            Objects.requireNonNull(comment, "comment");
        }
    }

    /**
     * Returns the absolute path of the file.
     *
     * @return the file
     */
    public Path file() {
        return file;
    }

    /**
     * Returns the lock file writers serialise on; it is never deleted.
     *
     * @return {@code <file>.lock} beside the file
     */
    public Path lockFile() {
        return store.lockFile();
    }

    /**
     * A policy for one connection to {@code address} that trusts on first use: an unknown address
     * is recorded with the identity the peer proved
     * ({@link KnownPeerPolicy.Outcome#NEW_PEER_RECORDED}), a known one must match
     * ({@link KnownPeerPolicy.Outcome#KNOWN_PEER_MATCHED}) or the handshake fails with
     * {@link ChangedPeerKeyException}.
     *
     * <p>To check a fingerprint obtained out of band and also record it, put the expectation first:
     * {@code TrustPolicy.expect(fp).and(knownPeers.tofu(address))}. A mismatched key is then refused
     * before anything is recorded, while a matching one is recorded, so later connections are
     * protected without the fingerprint being typed again. An expectation never replaces an
     * existing entry: a changed key stays a {@link ChangedPeerKeyException} until the file is
     * edited, so a fingerprint pasted from an untrusted message cannot silently rewrite it.
     *
     * @param address the address as the user typed it, e.g. {@code example.org:7000}
     * @return a fresh policy for one connection
     * @throws IllegalArgumentException if {@code address} is not a valid address (see the file
     *     format)
     */
    public KnownPeerPolicy tofu(String address) {
        return new KnownPeerPolicy(this, checkAddress(address), KnownPeerPolicy.Mode.TRUST_ON_FIRST_USE);
    }

    /**
     * A policy for one connection to {@code address} that accepts only the identity recorded for it:
     * an unknown address is refused with {@link UntrustedPeerException}, a different key with
     * {@link ChangedPeerKeyException}. Never writes the file.
     *
     * @param address the address as the user typed it, e.g. {@code example.org:7000}
     * @return a fresh policy for one connection
     * @throws IllegalArgumentException if {@code address} is not a valid address
     */
    public KnownPeerPolicy strict(String address) {
        return new KnownPeerPolicy(this, checkAddress(address), KnownPeerPolicy.Mode.STRICT);
    }

    /**
     * All entries, in file order. A missing file has none.
     *
     * @return the entries, unmodifiable
     * @throws PeerFileFormatException if a line is malformed or an address repeats
     * @throws IOException if the file cannot be read or exceeds 4 MiB
     */
    public List<Entry> entries() throws IOException, PeerFileFormatException {
        return List.copyOf(read().entries.values());
    }

    /**
     * The entry for {@code address}, if any.
     *
     * @param address the address, compared exactly
     * @return the entry, or empty if the address is not recorded
     * @throws IllegalArgumentException if {@code address} is not a valid address
     * @throws PeerFileFormatException if a line is malformed or an address repeats
     * @throws IOException if the file cannot be read or exceeds 4 MiB
     */
    public Optional<Entry> lookup(String address) throws IOException, PeerFileFormatException {
        return Optional.ofNullable(read().entries.get(checkAddress(address)));
    }

    /**
     * Records {@code fingerprint} for {@code address}, replacing the fingerprint and comment of an
     * existing entry in place (an explicit decision by the user, e.g. after verifying a new key),
     * or appending a new entry.
     *
     * @param address the address as the user typed it
     * @param fingerprint the identity to record for it
     * @param comment kept after the fingerprint ({@code ""} for none); a single line
     * @return the entry as written, with its line number
     * @throws IllegalArgumentException if the address or comment is not valid
     * @throws PeerFileFormatException if the existing file is malformed (it is left unchanged)
     * @throws IOException if the file cannot be read, locked or written
     */
    @SuppressWarnings("try") // the resource is the lock itself
    public Entry put(String address, Fingerprint fingerprint, String comment)
            throws IOException, PeerFileFormatException {
        checkAddress(address);
        Objects.requireNonNull(fingerprint, "fingerprint");
        String c = PeerFile.checkComment(comment);
        try (PeerFile.Held held = lock()) {
            Contents contents = read();
            String text = entryLine(address, fingerprint, c);
            Entry old = contents.entries.get(address);
            int line;
            if (old != null) {
                contents.lines.set(old.line() - 1, text);
                line = old.line();
            } else {
                line = contents.append(text);
            }
            write(contents);
            return new Entry(address, fingerprint, c, line);
        }
    }

    /**
     * Removes the entry for {@code address}, keeping every other line.
     *
     * @param address the address whose entry to remove
     * @return whether there was one
     * @throws IllegalArgumentException if {@code address} is not a valid address
     * @throws PeerFileFormatException if the file is malformed (it is left unchanged)
     * @throws IOException if the file cannot be read, locked or written
     */
    @SuppressWarnings("try") // the resource is the lock itself
    public boolean remove(String address) throws IOException, PeerFileFormatException {
        checkAddress(address);
        try (PeerFile.Held held = lock()) {
            Contents contents = read();
            Entry old = contents.entries.get(address);
            if (old == null) {
                return false;
            }
            contents.lines.remove(old.line() - 1);
            write(contents);
            return true;
        }
    }

    /**
     * The decision of a {@link KnownPeerPolicy}: compare with the entry, or refuse or record an
     * unknown address. Reads without the lock; only recording locks and re-reads, so the common
     * case (a known peer) needs neither the lock nor write access.
     */
    @SuppressWarnings("try") // the resource is the lock itself
    KnownPeerPolicy.Decision verify(String address, PeerIdentity peer, boolean recordNew)
            throws UntrustedPeerException {
        try {
            Entry known = read().entries.get(address);
            if (known != null) {
                return matched(known, peer);
            }
            if (!recordNew) {
                throw new UntrustedPeerException(
                        peer, address + " is not in " + file + " and only known peers are accepted");
            }
            try (PeerFile.Held held = lock()) {
                Contents contents = read();
                known = contents.entries.get(address);
                if (known != null) {
                    // Another session recorded this address while we waited for the lock.
                    return matched(known, peer);
                }
                String comment = "# first seen " + Instant.now(clock).truncatedTo(ChronoUnit.SECONDS);
                int line = contents.append(entryLine(address, peer.fingerprint(), comment));
                write(contents);
                return new KnownPeerPolicy.Decision(
                        address, peer.fingerprint(), KnownPeerPolicy.Outcome.NEW_PEER_RECORDED, file, line);
            }
        } catch (IOException | PeerFileFormatException e) {
            throw new UntrustedPeerException(peer, "cannot consult the known peers file: " + e.getMessage(), e);
        }
    }

    private KnownPeerPolicy.Decision matched(Entry known, PeerIdentity peer) throws ChangedPeerKeyException {
        if (!known.fingerprint().equals(peer.fingerprint())) {
            throw new ChangedPeerKeyException(peer, known.address(), known.fingerprint(), file, known.line());
        }
        return new KnownPeerPolicy.Decision(
                known.address(), known.fingerprint(), KnownPeerPolicy.Outcome.KNOWN_PEER_MATCHED, file, known.line());
    }

    // ---- the file --------------------------------------------------------------------------

    /** The lines of the file (without line terminators) and the entries parsed from them. */
    private static final class Contents {
        final List<String> lines;
        final Map<String, Entry> entries;
        final boolean existed;

        Contents(List<String> lines, Map<String, Entry> entries, boolean existed) {
            this.lines = lines;
            this.entries = entries;
            this.existed = existed;
        }

        /** Appends a line, after a header if the file is new; returns its 1-based number. */
        int append(String line) {
            if (!existed && lines.isEmpty()) {
                lines.addAll(HEADER.lines().toList());
            }
            lines.add(line);
            return lines.size();
        }
    }

    private Contents read() throws IOException, PeerFileFormatException {
        PeerFile.Lines read = store.read();
        Map<String, Entry> entries = new LinkedHashMap<>();
        for (int i = 0; i < read.lines().size(); i++) {
            int number = i + 1;
            Entry entry = parseLine(number, store.clean(number, read.lines().get(i)));
            if (entry != null) {
                Entry previous = entries.putIfAbsent(entry.address(), entry);
                if (previous != null) {
                    throw new PeerFileFormatException(
                            file,
                            number,
                            "a second entry for "
                                    + entry.address() + " (the first is on line " + previous.line()
                                    + "); keep one of them");
                }
            }
        }
        return new Contents(read.lines(), entries, read.existed());
    }

    /** The entry on a line, or null for a comment or blank line. */
    private Entry parseLine(int number, String text) throws PeerFileFormatException {
        String stripped = text.strip();
        if (stripped.isEmpty() || stripped.startsWith("#")) {
            return null;
        }
        String[] fields = stripped.split("[ \\t]+", 3);
        if (fields.length < 2) {
            throw new PeerFileFormatException(
                    file, number, "expected \"<address> <fingerprint> [comment]\", found only one field");
        }
        if (addressProblem(fields[0]) != null) {
            throw new PeerFileFormatException(file, number, addressProblem(fields[0]));
        }
        Fingerprint fingerprint;
        try {
            fingerprint = Fingerprint.parse(fields[1]);
        } catch (IllegalArgumentException e) {
            throw new PeerFileFormatException(
                    file,
                    number,
                    "the second field is not a fingerprint" + " (expected SHA256: and 43 base64 characters)");
        }
        String comment = fields.length == 3 ? fields[2].strip() : "";
        return new Entry(fields[0], fingerprint, comment, number);
    }

    private static String entryLine(String address, Fingerprint fingerprint, String comment) {
        return comment.isEmpty() ? address + " " + fingerprint : address + " " + fingerprint + " " + comment;
    }

    private static String checkAddress(String address) {
        Objects.requireNonNull(address, "address");
        String problem = addressProblem(address);
        if (problem != null) {
            throw new IllegalArgumentException(problem);
        }
        return address;
    }

    /** Why {@code address} cannot be a key of the file, or null if it can. */
    private static String addressProblem(String address) {
        if (address.isEmpty()) {
            return "the address is empty";
        }
        if (address.length() > MAX_ADDRESS_CHARS) {
            return "the address is longer than " + MAX_ADDRESS_CHARS + " characters";
        }
        if (address.startsWith("#")) {
            return "an address cannot start with #";
        }
        for (int i = 0; i < address.length(); i++) {
            char ch = address.charAt(i);
            if (Character.isWhitespace(ch) || Character.isSpaceChar(ch) || Character.isISOControl(ch)) {
                return "an address cannot contain spaces or control characters";
            }
        }
        return null;
    }

    private void write(Contents contents) throws IOException {
        store.write(contents.lines);
    }

    private PeerFile.Held lock() throws IOException {
        return store.lock();
    }

    @Override
    public String toString() {
        return "KnownPeers[" + file + "]";
    }
}
