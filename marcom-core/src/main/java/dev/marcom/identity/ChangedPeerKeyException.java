package dev.marcom.identity;

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

  private final String address;
  private final transient Fingerprint knownFingerprint;
  private final transient Path file;
  private final int line;

  /**
   * @param peer the identity the peer proved (its fingerprint is the presented one)
   * @param address the address as recorded (and as the user typed it)
   * @param knownFingerprint the fingerprint recorded for {@code address}
   * @param file the known-peers file
   * @param line the 1-based line of the entry for {@code address}
   */
  public ChangedPeerKeyException(PeerIdentity peer, String address, Fingerprint knownFingerprint,
      Path file, int line) {
    super(peer, "the identity of " + address + " has changed: " + file + " line " + line
        + " records " + knownFingerprint + ", but the peer presented " + peer.fingerprint()
        + ". Someone may be intercepting the connection (man in the middle), or the peer's"
        + " identity was replaced. If you have verified the new fingerprint with its owner,"
        + " edit or delete line " + line + " of " + file);
    this.address = address;
    this.knownFingerprint = knownFingerprint;
    this.file = file;
    this.line = line;
  }

  /** The address whose identity changed, as recorded. */
  public String address() {
    return address;
  }

  /** The fingerprint recorded in the file (the old identity). */
  public Fingerprint knownFingerprint() {
    return knownFingerprint;
  }

  /** The fingerprint the peer presented and proved (the new identity). */
  public Fingerprint presentedFingerprint() {
    return peer().fingerprint();
  }

  /** The known-peers file holding the old entry. */
  public Path file() {
    return file;
  }

  /** The 1-based line of the old entry in {@link #file()}. */
  public int line() {
    return line;
  }
}
