package dev.marcom.identity;

import dev.marcom.Fingerprint;
import java.io.IOException;
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
 * The client identities a server accepts, in a text file like OpenSSH's
 * {@code authorized_keys}: one fingerprint per line, with an optional comment. A server cannot
 * key its trust on an address (many clients share one, and a client's address changes), so this
 * file lists identities only. The command-line app keeps it in
 * {@code <MARCOM home>/authorized_peers}.
 *
 * <h2>File format</h2>
 * UTF-8 text, one entry per line: {@code <fingerprint> [comment]}, for example
 * <pre>
 * # MARCOM authorized peers
 * SHA256:0nmrZ0qAJ6Pel3JKqrnVCqEvgxSmV1CX2yc5ecdhNFY alice's laptop
 * </pre>
 * The fingerprint is {@link Fingerprint}'s {@code SHA256:} form; whatever follows it is a comment,
 * kept as written. Blank lines and lines whose first non-blank character is {@code #} are
 * comments. A line that is neither makes every read fail with {@link PeerFileFormatException}
 * naming the file and line, and the policies then refuse every client (they fail closed). A
 * fingerprint listed twice is accepted (the first line counts).
 *
 * <h2>Policies</h2>
 * {@link #authorizedOnly()} accepts listed clients only; {@link #recordNewPeers()} also accepts an
 * unlisted client and appends it to the file (trust on first use, for a server that wants to
 * learn its clients and be told when a new one appears); for no checks at all, use
 * {@link TrustPolicy#acceptAny()}. Make a fresh policy for each connection:
 * {@link AuthorizedPeerPolicy#decision()} reports what happened to that connection's client.
 *
 * <h2>Concurrency and durability</h2>
 * As {@link KnownPeers}: readers take no lock; writers lock {@code authorized_peers.lock}, re-read
 * and replace the file atomically, so concurrent handshakes in any number of threads and processes
 * lose no entry; the file is owner-only on POSIX systems. Instances hold no cached state: an
 * operator's edit takes effect at the next handshake.
 */
public final class AuthorizedPeers {
    /** The conventional file name inside the MARCOM home directory. */
    public static final String FILE_NAME = "authorized_peers";

    private static final String HEADER =
            "# MARCOM authorized peers: one \"<fingerprint> [comment]\" per line; these clients may"
                    + " connect.\n# To revoke a client, delete its line.";

    private final PeerFile store;
    private final Clock clock;

    private AuthorizedPeers(Path file, Clock clock) {
        this.store = new PeerFile(file);
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * A store kept in {@code file}, which need not exist yet (a missing file lists nobody; it is
     * created on the first write, with its parent directories). Does no I/O.
     *
     * @param file the file
     * @return the store
     * @throws IllegalArgumentException if {@code file} is a root directory
     */
    public static AuthorizedPeers open(Path file) {
        return new AuthorizedPeers(file, Clock.systemUTC());
    }

    /**
     * As {@link #open(Path)}, with the clock that dates entries recorded on first use.
     *
     * @param file the file
     * @param clock dates recorded entries
     * @return the store
     */
    public static AuthorizedPeers open(Path file, Clock clock) {
        return new AuthorizedPeers(file, clock);
    }

    /**
     * One entry of the file.
     *
     * @param fingerprint an authorized identity
     * @param comment the rest of the line after the fingerprint, stripped ({@code ""} if none)
     * @param line the 1-based line number in the file when it was read or written
     */
    public record Entry(Fingerprint fingerprint, String comment, int line) {
        /**
         * Checks that the fields are present.
         *
         * @param fingerprint an authorized identity
         * @param comment the rest of the line after the fingerprint, stripped ({@code ""} if none)
         * @param line the 1-based line number in the file when it was read or written
         * @throws NullPointerException if {@code fingerprint} or {@code comment} is null
         */
        public Entry {
            Objects.requireNonNull(fingerprint, "fingerprint");
            Objects.requireNonNull(comment, "comment");
        }
    }

    /**
     * The absolute path of the file.
     *
     * @return the file
     */
    public Path file() {
        return store.file();
    }

    /**
     * A policy for one connection that accepts only listed clients; any other is refused with
     * {@link UntrustedPeerException} (and, over MARCOM, told that it was refused). Never writes.
     *
     * @return a fresh policy
     */
    public AuthorizedPeerPolicy authorizedOnly() {
        return new AuthorizedPeerPolicy(this, AuthorizedPeerPolicy.Mode.AUTHORIZED_ONLY);
    }

    /**
     * A policy for one connection that accepts listed clients and also an unlisted one, which it
     * appends to the file with the date (trust on first use: the client is then listed for every
     * later connection, and its {@link AuthorizedPeerPolicy#decision()} says it is new).
     *
     * @return a fresh policy
     */
    public AuthorizedPeerPolicy recordNewPeers() {
        return new AuthorizedPeerPolicy(this, AuthorizedPeerPolicy.Mode.RECORD_NEW_PEERS);
    }

    /**
     * All entries, in file order. A missing file has none.
     *
     * @return the entries
     * @throws PeerFileFormatException if a line is malformed
     * @throws IOException if the file cannot be read or exceeds 4 MiB
     */
    public List<Entry> entries() throws IOException, PeerFileFormatException {
        return List.copyOf(read().values());
    }

    /**
     * The entry for {@code fingerprint}, if it is authorized.
     *
     * @param fingerprint the identity to look up
     * @return its entry, or empty
     * @throws PeerFileFormatException if a line is malformed
     * @throws IOException if the file cannot be read
     */
    public Optional<Entry> lookup(Fingerprint fingerprint) throws IOException, PeerFileFormatException {
        Objects.requireNonNull(fingerprint, "fingerprint");
        return Optional.ofNullable(read().get(fingerprint));
    }

    /**
     * Authorizes {@code fingerprint}, appending an entry; an identity already listed keeps its
     * entry (and comment) unchanged.
     *
     * @param fingerprint the identity to authorize
     * @param comment kept after the fingerprint ({@code ""} for none); a single line
     * @return the entry in the file
     * @throws IllegalArgumentException if the comment is not a single line
     * @throws PeerFileFormatException if the existing file is malformed (it is left unchanged)
     * @throws IOException if the file cannot be read, locked or written
     */
    public Entry add(Fingerprint fingerprint, String comment) throws IOException, PeerFileFormatException {
        return addIfAbsent(fingerprint, comment).entry();
    }

    private record Added(Entry entry, boolean isNew) {}

    @SuppressWarnings("try") // the resource is the lock itself
    private Added addIfAbsent(Fingerprint fingerprint, String comment) throws IOException, PeerFileFormatException {
        Objects.requireNonNull(fingerprint, "fingerprint");
        String c = PeerFile.checkComment(comment);
        try (PeerFile.Held held = store.lock()) {
            PeerFile.Lines lines = store.read();
            Entry existing = parse(lines).get(fingerprint);
            if (existing != null) {
                return new Added(existing, false);
            }
            if (!lines.existed() && lines.lines().isEmpty()) {
                lines.lines().addAll(HEADER.lines().toList());
            }
            lines.lines().add(c.isEmpty() ? fingerprint.toString() : fingerprint + " " + c);
            store.write(lines.lines());
            return new Added(new Entry(fingerprint, c, lines.lines().size()), true);
        }
    }

    /**
     * Revokes {@code fingerprint}: removes every line that lists it, keeping all others.
     *
     * @param fingerprint the identity to revoke
     * @return whether it was listed
     * @throws PeerFileFormatException if the file is malformed (it is left unchanged)
     * @throws IOException if the file cannot be read, locked or written
     */
    @SuppressWarnings("try") // the resource is the lock itself
    public boolean remove(Fingerprint fingerprint) throws IOException, PeerFileFormatException {
        Objects.requireNonNull(fingerprint, "fingerprint");
        try (PeerFile.Held held = store.lock()) {
            PeerFile.Lines lines = store.read();
            List<String> all = lines.lines();
            boolean removed = false;
            for (int i = all.size() - 1; i >= 0; i--) {
                Entry e = parseLine(i + 1, store.clean(i + 1, all.get(i)));
                if (e != null && e.fingerprint().equals(fingerprint)) {
                    all.remove(i);
                    removed = true;
                }
            }
            if (removed) {
                store.write(all);
            }
            return removed;
        }
    }

    /** The decision of an {@link AuthorizedPeerPolicy}. */
    @SuppressWarnings("try") // the resource is the lock itself
    AuthorizedPeerPolicy.Decision verify(PeerIdentity peer, boolean recordNew) throws UntrustedPeerException {
        Fingerprint fp = peer.fingerprint();
        try {
            Entry known = read().get(fp);
            if (known != null) {
                return new AuthorizedPeerPolicy.Decision(
                        fp, AuthorizedPeerPolicy.Outcome.AUTHORIZED, file(), known.line());
            }
            if (!recordNew) {
                throw new UntrustedPeerException(peer, "identity is not listed in " + file());
            }
            String comment = "# first seen " + Instant.now(clock).truncatedTo(ChronoUnit.SECONDS);
            Added added = addIfAbsent(fp, comment);
            // A concurrent handshake may have recorded it while we waited for the lock.
            return new AuthorizedPeerPolicy.Decision(
                    fp,
                    added.isNew()
                            ? AuthorizedPeerPolicy.Outcome.NEW_PEER_RECORDED
                            : AuthorizedPeerPolicy.Outcome.AUTHORIZED,
                    file(),
                    added.entry().line());
        } catch (IOException | PeerFileFormatException e) {
            throw new UntrustedPeerException(peer, "cannot consult " + file() + ": " + e.getMessage(), e);
        }
    }

    private Map<Fingerprint, Entry> read() throws IOException, PeerFileFormatException {
        return parse(store.read());
    }

    private Map<Fingerprint, Entry> parse(PeerFile.Lines lines) throws PeerFileFormatException {
        Map<Fingerprint, Entry> entries = new LinkedHashMap<>();
        for (int i = 0; i < lines.lines().size(); i++) {
            Entry e = parseLine(i + 1, store.clean(i + 1, lines.lines().get(i)));
            if (e != null) {
                entries.putIfAbsent(e.fingerprint(), e);
            }
        }
        return entries;
    }

    private Entry parseLine(int number, String text) throws PeerFileFormatException {
        String stripped = text.strip();
        if (stripped.isEmpty() || stripped.startsWith("#")) {
            return null;
        }
        String[] fields = stripped.split("[ \\t]+", 2);
        Fingerprint fingerprint;
        try {
            fingerprint = Fingerprint.parse(fields[0]);
        } catch (IllegalArgumentException e) {
            throw new PeerFileFormatException(
                    file(),
                    number,
                    "expected \"<fingerprint> [comment]\""
                            + " with a SHA256: fingerprint (SHA256: and 43 base64 characters)");
        }
        return new Entry(fingerprint, fields.length == 2 ? fields[1].strip() : "", number);
    }

    @Override
    public String toString() {
        return "AuthorizedPeers[" + file() + "]";
    }
}
