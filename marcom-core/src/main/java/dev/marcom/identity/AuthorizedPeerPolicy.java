package dev.marcom.identity;

import dev.marcom.Fingerprint;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A server's {@link TrustPolicy} for one connection, backed by an {@link AuthorizedPeers} file:
 * made by {@link AuthorizedPeers#authorizedOnly()} or {@link AuthorizedPeers#recordNewPeers()}.
 * After the handshake, {@link #decision()} says whether the client was listed or has just been
 * recorded:
 *
 * <pre>{@code
 * AuthorizedPeerPolicy trust = authorizedPeers.recordNewPeers();
 * try (SecureChannel channel = SecureChannel.accept(socket, SessionConfig.builder(me, trust).build())) {
 *   if (trust.decision().orElseThrow().newPeer()) {
 *     // a new client: show its fingerprint to the operator
 *   }
 * }
 * }</pre>
 *
 * <h2>Contract</h2>
 * {@link #check} accepts a client whose fingerprint is listed. An unlisted client is refused with
 * {@link UntrustedPeerException} by {@link Mode#AUTHORIZED_ONLY}, and appended to the file and
 * accepted by {@link Mode#RECORD_NEW_PEERS}. If the file cannot be read, is malformed, or cannot be
 * locked or written, the client is refused with an {@link UntrustedPeerException} whose cause says
 * why (the policy fails closed). {@link #check} runs only after the client proved possession of
 * its key, so only proven identities are ever recorded.
 *
 * <p>Thread-safe. Meant for one connection; if reused, {@link #decision()} reports the most
 * recent acceptance.
 */
public final class AuthorizedPeerPolicy implements TrustPolicy {

    /** Whether an unlisted client is refused or recorded. */
    public enum Mode {
        /** Accept listed clients only (OpenSSH's {@code authorized_keys}). */
        AUTHORIZED_ONLY,
        /** Accept listed clients, and record and accept an unlisted one (trust on first use). */
        RECORD_NEW_PEERS
    }

    /** How an accepted client was accepted. */
    public enum Outcome {
        /** The client was listed. */
        AUTHORIZED,
        /** The client was not listed and has just been recorded. */
        NEW_PEER_RECORDED
    }

    /**
     * What {@link #check} decided for an accepted client.
     *
     * @param fingerprint the client's (now listed) fingerprint
     * @param outcome listed before, or just recorded
     * @param file the authorized-peers file
     * @param line the 1-based line of the client's entry in {@code file}
     */
    public record Decision(Fingerprint fingerprint, Outcome outcome, Path file, int line) {
        /**
         * Checks that the fields are present.
         *
         * @param fingerprint the client's (now listed) fingerprint
         * @param outcome listed before, or just recorded
         * @param file the authorized-peers file
         * @param line the 1-based line of the client's entry in {@code file}
         * @throws NullPointerException if any argument but {@code line} is null
         */
        public Decision {
            Objects.requireNonNull(fingerprint, "fingerprint");
            Objects.requireNonNull(outcome, "outcome");
            Objects.requireNonNull(file, "file");
        }

        /**
         * Whether the client was new (and has just been recorded).
         *
         * @return true on first contact
         */
        public boolean newPeer() {
            return outcome == Outcome.NEW_PEER_RECORDED;
        }
    }

    private final AuthorizedPeers store;
    private final Mode mode;
    private final AtomicReference<Decision> decision = new AtomicReference<>();

    AuthorizedPeerPolicy(AuthorizedPeers store, Mode mode) {
        this.store = store;
        this.mode = mode;
    }

    /**
     * Whether unlisted clients are refused or recorded.
     *
     * @return the mode
     */
    public Mode mode() {
        return mode;
    }

    /**
     * The store this policy reads (and, in {@link Mode#RECORD_NEW_PEERS}, writes).
     *
     * @return the store
     */
    public AuthorizedPeers authorizedPeers() {
        return store;
    }

    /**
     * How the client was accepted: empty until {@link #check} has accepted one.
     *
     * @return the decision, or empty
     */
    public Optional<Decision> decision() {
        return Optional.ofNullable(decision.get());
    }

    /**
     * Accepts the client if it is listed, or records it in {@link Mode#RECORD_NEW_PEERS}.
     *
     * @throws UntrustedPeerException if it is not listed and the mode is
     *     {@link Mode#AUTHORIZED_ONLY}, or the file cannot be used
     */
    @Override
    public void check(PeerIdentity peer) throws UntrustedPeerException {
        decision.set(store.verify(peer, mode == Mode.RECORD_NEW_PEERS));
    }

    @Override
    public String toString() {
        return "AuthorizedPeerPolicy[" + mode + ", " + store.file() + "]";
    }
}
