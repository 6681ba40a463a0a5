package dev.marcom.cli;

import dev.marcom.MarcomException;
import dev.marcom.SessionClosedException;
import dev.marcom.session.VerifiedMessage;
import dev.marcom.session.VerifiedStream;
import dev.marcom.transport.Delivery;
import dev.marcom.transport.InboundStream;
import dev.marcom.transport.ReceivedFiles;
import dev.marcom.transport.SecureChannel;
import dev.marcom.transport.StreamVerificationException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * One established chat session in the CLI: a reader thread that prints what arrives and saves
 * verified files, and send operations for the input thread. Completes {@link #ended()} with the
 * reason the session ended.
 */
final class PeerSession {
    private final SecureChannel channel;
    private final Terminal terminal;
    private final Path receiveDir;
    private final ReceiveLimits limits;
    private final String peerName;
    private final Consumer<VerifiedMessage> recorder;
    private final CompletableFuture<CloseReason> ended = new CompletableFuture<>();
    private volatile boolean closing;

    /**
     * @param recorder receives every sent and received message (for transcripts); may throw
     *     unchecked exceptions, which end the session
     */
    PeerSession(
            SecureChannel channel,
            Terminal terminal,
            Path receiveDir,
            ReceiveLimits limits,
            Consumer<VerifiedMessage> recorder) {
        this.channel = channel;
        this.limits = limits;
        this.terminal = terminal;
        this.receiveDir = receiveDir;
        this.recorder = recorder;
        this.peerName = channel.peer().fingerprint().toString().substring(0, 15) + "…";
    }

    CompletableFuture<CloseReason> ended() {
        return ended;
    }

    SecureChannel channel() {
        return channel;
    }

    /** Starts the reader thread. */
    void start() {
        Thread t = new Thread(this::readLoop, "marcom-reader-" + peerName);
        t.setDaemon(true);
        t.start();
    }

    private void readLoop() {
        try {
            while (true) {
                Delivery d = channel.next();
                if (d instanceof Delivery.Message m) {
                    deliver(m.message());
                } else if (d instanceof Delivery.Stream s) {
                    receiveFile(s.stream());
                } else {
                    // After our own close, the peer's answering close_notify may still be read before
                    // the transport closes: the session was nonetheless closed here.
                    finish(closing ? CloseReason.LOCAL_CLOSED : CloseReason.PEER_CLOSED, null);
                    return;
                }
            }
        } catch (SessionClosedException e) {
            finish(closing ? CloseReason.LOCAL_CLOSED : CloseReason.of(e), e);
        } catch (StreamVerificationException e) {
            finish(CloseReason.of(e.getCause()), e.getCause());
        } catch (IOException | MarcomException | RuntimeException e) {
            finish(closing ? CloseReason.LOCAL_CLOSED : CloseReason.of(e), e);
        }
    }

    private void deliver(VerifiedMessage m) {
        recorder.accept(m);
        // Peer text never reaches the terminal raw: no escape sequences, and no line of a message
        // can pass for the header of another (PeerText).
        terminal.chat(PeerText.lines(peerName + " #" + m.sequence() + ": ", m.text()));
        terminal.event(JsonLine.event("message")
                .put("peer", m.signer().fingerprint().toString())
                .put("seq", m.sequence())
                .put("text", m.text())
                .put("sha256", m.sha256().hex())
                .put("signer", m.signer().fingerprint().toString())
                .put("algorithm", m.signer().algorithm().shortName())
                .put("signature", m.signature().base64())
                .put("signed_data", m.signedData().base64()));
    }

    /** Saves a file; it gets its final name only after its signature verified. */
    private void receiveFile(InboundStream in) throws IOException, MarcomException {
        String name = PeerText.escape(ReceivedFiles.safeName(in.name()));
        ReceiveLimits.Allowance allowance = limits.allowance(receiveDir);
        Path target;
        try {
            if (in.announcedLength() >= 0) {
                allowance.check(in.announcedLength()); // refused before a byte is written
            }
            Terminal.Progress progress = terminal.progress("receiving " + name, in.announcedLength());
            try {
                target = ReceivedFiles.save(in, receiveDir, n -> {
                    allowance.check(n); // a peer that announced less, or nothing, is stopped here
                    progress.update(n);
                });
            } finally {
                progress.done();
            }
        } catch (ReceiveLimits.TooLarge e) {
            refuseFile(name, e.getMessage());
            return; // the next receive reads the rest of the stream and discards it
        }
        VerifiedStream v = in.verified();
        limits.saved(v.length());
        terminal.chat(peerName + " sent file " + PeerText.escape(target.toString()) + " (" + v.length()
                + " bytes, sha256 " + v.sha256().hex() + ", signature verified)");
        terminal.event(JsonLine.event("file")
                .put("peer", v.signer().fingerprint().toString())
                .put("seq", v.sequence())
                .put("name", target.getFileName().toString())
                .put("size", v.length())
                .put("sha256", v.sha256().hex())
                .put("path", target.toAbsolutePath().toString()));
    }

    /**
     * Tells both sides that a file was not saved: on this terminal, and to the peer as a signed
     * message from this program (marked {@code [marcom]}), so its user learns why.
     */
    private void refuseFile(String name, String why) throws IOException, MarcomException {
        terminal.info("marcom: refused file " + name + " from " + peerName + ": " + why);
        terminal.event(JsonLine.event("error").put("message", "refused file " + name + ": " + why));
        send("[marcom] your file " + name + " was not saved: " + why);
    }

    /** Sends one text message. */
    void send(String text) throws IOException, MarcomException {
        VerifiedMessage sent = channel.send(text);
        recorder.accept(sent);
    }

    /** Sends a file as a signed stream, with a progress bar. */
    void sendFile(Path file) throws IOException, MarcomException {
        long size = Files.size(file);
        String name = file.getFileName().toString();
        Terminal.Progress progress = terminal.progress("sending " + name, size);
        try (InputStream in = Files.newInputStream(file)) {
            var digest = channel.sendStream(name, size, in, progress::update).sha256();
            progress.done();
            terminal.info("sent " + name + " (" + size + " bytes, sha256 " + digest.hex() + ")");
        } finally {
            progress.done();
        }
    }

    /** Ends the session from this side with close_notify. */
    void close() {
        closing = true;
        try {
            channel.close();
        } catch (IOException ignored) {
            // the transport is gone either way
        }
    }

    private void finish(CloseReason reason, Throwable cause) {
        if (reason == CloseReason.PEER_CLOSED) {
            close();
            closing = false;
        } else {
            try {
                channel.close();
            } catch (IOException ignored) {
                // already broken
            }
        }
        if (cause != null && reason != CloseReason.LOCAL_CLOSED) {
            terminal.info(
                    "marcom: " + (reason == CloseReason.SECURITY_FAILURE ? "security failure: " : "network failure: ")
                            + PeerText.escape(String.valueOf(cause.getMessage())));
            terminal.event(JsonLine.event("error").put("message", String.valueOf(cause.getMessage())));
        }
        terminal.event(JsonLine.event("closed")
                .put("peer", channel.peer().fingerprint().toString())
                .put("reason", reason.wire()));
        terminal.info("session with " + peerName + " ended: " + reason.wire());
        ended.complete(reason);
    }
}
