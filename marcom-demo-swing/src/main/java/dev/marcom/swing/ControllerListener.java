package dev.marcom.swing;

import dev.marcom.SignatureAlgorithm;
import dev.marcom.identity.PeerIdentity;
import dev.marcom.session.VerifiedMessage;
import dev.marcom.session.VerifiedStream;
import dev.marcom.trace.TraceEvent;
import java.nio.file.Path;

/** What the {@link SessionController} tells the view. Called on the Event Dispatch Thread. */
interface ControllerListener {
    void status(ConnectionStatus status, String detail);

    void trace(TraceEvent event);

    void identityReady(String fingerprint, SignatureAlgorithm algorithm);

    /**
     * The session is established. {@code firstContact} is present when the trust policy recorded
     * this peer for the first time (known_peers file and line).
     */
    void connected(PeerIdentity peer, String safetyNumber, String suite, java.util.Optional<String> firstContact);

    void messageSent(VerifiedMessage message);

    void messageReceived(VerifiedMessage message);

    void transferProgress(boolean outbound, String name, long done, long total);

    void fileReceived(Path saved, VerifiedStream stream);

    void fileSent(String name, long length, dev.marcom.Bytes sha256);
}
