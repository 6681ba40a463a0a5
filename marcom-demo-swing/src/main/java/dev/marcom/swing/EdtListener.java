package dev.marcom.swing;

import dev.marcom.identity.PeerIdentity;
import dev.marcom.session.VerifiedMessage;
import dev.marcom.session.VerifiedStream;
import dev.marcom.trace.TraceEvent;
import java.nio.file.Path;
import javax.swing.SwingUtilities;

/**
 * Moves controller callbacks from worker threads onto the Event Dispatch Thread, in order. The
 * view only ever sees calls on the EDT (SwingWorker's rule: never touch components elsewhere).
 */
final class EdtListener implements ControllerListener {
    private final ControllerListener view;

    EdtListener(ControllerListener view) {
        this.view = view;
    }

    private static void post(Runnable r) {
        if (SwingUtilities.isEventDispatchThread()) {
            r.run();
        } else {
            SwingUtilities.invokeLater(r);
        }
    }

    @Override
    public void status(ConnectionStatus status, String detail) {
        post(() -> view.status(status, detail));
    }

    @Override
    public void trace(TraceEvent event) {
        post(() -> view.trace(event));
    }

    @Override
    public void identityReady(String fingerprint, dev.marcom.SignatureAlgorithm algorithm) {
        post(() -> view.identityReady(fingerprint, algorithm));
    }

    @Override
    public void connected(
            PeerIdentity peer, String safetyNumber, String suite, java.util.Optional<String> firstContact) {
        post(() -> view.connected(peer, safetyNumber, suite, firstContact));
    }

    @Override
    public void messageSent(VerifiedMessage message) {
        post(() -> view.messageSent(message));
    }

    @Override
    public void messageReceived(VerifiedMessage message) {
        post(() -> view.messageReceived(message));
    }

    @Override
    public void transferProgress(boolean outbound, String name, long done, long total) {
        post(() -> view.transferProgress(outbound, name, done, total));
    }

    @Override
    public void fileReceived(Path saved, VerifiedStream stream) {
        post(() -> view.fileReceived(saved, stream));
    }

    @Override
    public void fileSent(String name, long length, dev.marcom.Bytes sha256) {
        post(() -> view.fileSent(name, length, sha256));
    }
}
