package dev.marcom.identity;

import dev.marcom.Fingerprint;
import java.nio.file.Path;

/**
 * The peer at an address proved a key other than the one recorded for that address in the
 * {@link KnownPeers} file. Always a hard failure, never a prompt: either someone is intercepting
 * the connection (a man in the middle) or the peer's identity was replaced. The message and the
 * accessors name the address, the recorded fingerprint, the presented fingerprint, and the file
 * and line a user must edit (after verifying the new fingerprint out of band) to accept the new
 * identity.
 */
public class ChangedPeerKeyException extends UntrustedPeerException {
    private static final long serialVersionUID = 1L;

    /** The address whose identity changed, as recorded. */
    private final String address;

    private final transient Fingerprint knownFingerprint;
    private final transient Path file;
    /** The 1-based line of the old entry in the known-peers file. */
    private final int line;

    /**
     * Creates the exception; its message names the address, both fingerprints, the file and the
     * line.
     *
     * @param peer the identity the peer proved (its fingerprint is the presented one)
     * @param address the address as recorded (and as the user typed it)
     * @param knownFingerprint the fingerprint recorded for {@code address}
     * @param file the known-peers file
     * @param line the 1-based line of the entry for {@code address}
     */
    public ChangedPeerKeyException(
            PeerIdentity peer, String address, Fingerprint knownFingerprint, Path file, int line) {
        super(
                peer,
                "the identity of " + address + " has changed: " + file + " line " + line
                        + " records " + knownFingerprint + ", but the peer presented " + peer.fingerprint()
                        + ". Someone may be intercepting the connection (man in the middle), or the peer's"
                        + " identity was replaced. If you have verified the new fingerprint with its owner,"
                        + " edit or delete line " + line + " of " + file);
        this.address = address;
        this.knownFingerprint = knownFingerprint;
        this.file = file;
        this.line = line;
    }

    /**
     * Returns the address whose identity changed, as recorded.
     *
     * @return the address
     */
    public String address() {
        return address;
    }

    /**
     * Returns the fingerprint recorded in the file (the old identity).
     *
     * @return the recorded fingerprint, or null if this exception was deserialized
     */
    public Fingerprint knownFingerprint() {
        return knownFingerprint;
    }

    /**
     * Returns the fingerprint the peer presented and proved (the new identity).
     *
     * @return the presented fingerprint
     */
    public Fingerprint presentedFingerprint() {
        return peer().fingerprint();
    }

    /**
     * Returns the known-peers file holding the old entry.
     *
     * @return the file, or null if this exception was deserialized
     */
    public Path file() {
        return file;
    }

    /**
     * Returns the line of the old entry in {@link #file()}.
     *
     * @return the 1-based line number
     */
    public int line() {
        return line;
    }
}
