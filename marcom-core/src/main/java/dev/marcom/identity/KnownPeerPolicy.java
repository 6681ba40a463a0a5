package dev.marcom.identity;

import dev.marcom.Fingerprint;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A {@link TrustPolicy} for one connection to one address, backed by a {@link KnownPeers} file:
 * made by {@link KnownPeers#tofu(String)} (trust on first use) or {@link KnownPeers#strict(String)}
 * (known peers only). After the handshake, {@link #decision()} reports what happened, so an
 * application can tell the user about a first contact:
 *
 * <pre>{@code
 * KnownPeerPolicy trust = knownPeers.tofu("bob.example:7000");
 * SessionConfig config = SessionConfig.builder(me, trust).build();
 * try (SecureChannel channel = SecureChannel.connect(socket, config)) {
 *   if (trust.decision().orElseThrow().newPeer()) {
 *     // first contact: show the fingerprint or SafetyNumber.of(...) for an out-of-band check
 *   }
 * } catch (ChangedPeerKeyException e) {
 *   // hard failure: e.knownFingerprint(), e.presentedFingerprint(), e.file(), e.line()
 * }
 * }</pre>
 *
 * <h2>Contract</h2>
 * {@link #check} accepts a peer whose fingerprint equals the one recorded for the address. For an
 * unknown address, trust on first use appends an entry and accepts; strict refuses with
 * {@link UntrustedPeerException}. A different fingerprint is always refused with
 * {@link ChangedPeerKeyException}. If the file cannot be read, is malformed, or cannot be locked or
 * written, the peer is refused with an {@link UntrustedPeerException} whose cause says why (the
 * policy fails closed). {@link #check} is called after the peer proved possession of its key, so
 * only proven identities are ever recorded, even if the handshake fails later.
 *
 * <p>Thread-safe. Meant for one connection; if reused, {@link #decision()} reports the most
 * recent acceptance.
 */
public final class KnownPeerPolicy implements TrustPolicy {

    /** Whether an unknown address is recorded or refused. */
    public enum Mode {
        /** Record an unknown address with the key it proved (OpenSSH's default). */
        TRUST_ON_FIRST_USE,
        /** Refuse an unknown address (OpenSSH's {@code StrictHostKeyChecking yes}). */
        STRICT
    }

    /** How an accepted peer was accepted. */
    public enum Outcome {
        /** The address was unknown; the peer's fingerprint has just been recorded. */
        NEW_PEER_RECORDED,
        /** The peer's fingerprint equals the one already recorded for the address. */
        KNOWN_PEER_MATCHED
    }

    /**
     * What {@link #check} decided for an accepted peer.
     *
     * @param address the address, as recorded
     * @param fingerprint the peer's (now recorded) fingerprint
     * @param outcome new or matched
     * @param file the known-peers file
     * @param line the 1-based line of the entry in {@code file}
     */
    public record Decision(String address, Fingerprint fingerprint, Outcome outcome, Path file, int line) {
        /**
         * Checks that the fields are present.
         *
         * @param address the address, as recorded
         * @param fingerprint the peer's (now recorded) fingerprint
         * @param outcome new or matched
         * @param file the known-peers file
         * @param line the 1-based line of the entry in {@code file}
         * @throws NullPointerException if any argument but {@code line} is null
         */
        public Decision {
            Objects.requireNonNull(address, "address");
            Objects.requireNonNull(fingerprint, "fingerprint");
            Objects.requireNonNull(outcome, "outcome");
            Objects.requireNonNull(file, "file");
        }

        /**
         * Returns whether this was the first contact with the address (the entry was just added).
         *
         * @return true if the outcome is {@link Outcome#NEW_PEER_RECORDED}
         */
        public boolean newPeer() {
            return outcome == Outcome.NEW_PEER_RECORDED;
        }
    }

    private final KnownPeers store;
    private final String address;
    private final Mode mode;
    private final AtomicReference<Decision> decision = new AtomicReference<>();

    KnownPeerPolicy(KnownPeers store, String address, Mode mode) {
        this.store = store;
        this.address = address;
        this.mode = mode;
    }

    /**
     * Returns the address this policy checks, as typed by the user.
     *
     * @return the address
     */
    public String address() {
        return address;
    }

    /**
     * Returns whether an unknown address is recorded or refused.
     *
     * @return the mode
     */
    public Mode mode() {
        return mode;
    }

    /**
     * Returns the store this policy reads (and, on first use, writes).
     *
     * @return the store
     */
    public KnownPeers knownPeers() {
        return store;
    }

    /**
     * How the peer was accepted: empty until {@link #check} has accepted one (and so after a failed
     * handshake that refused it).
     *
     * @return the most recent acceptance, or empty
     */
    public Optional<Decision> decision() {
        return Optional.ofNullable(decision.get());
    }

    /**
     * Accepts the peer if the file says so, recording it on first use; see the class contract.
     *
     * @throws ChangedPeerKeyException if the address is recorded with another fingerprint
     * @throws UntrustedPeerException if the address is unknown and the mode is strict, or the file
     *     cannot be used
     */
    @Override
    public void check(PeerIdentity peer) throws UntrustedPeerException {
        decision.set(store.verify(address, peer, mode == Mode.TRUST_ON_FIRST_USE));
    }

    @Override
    public String toString() {
        return "KnownPeerPolicy[" + mode + ", " + address + ", " + store.file() + "]";
    }
}
