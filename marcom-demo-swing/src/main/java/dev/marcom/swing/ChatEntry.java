package dev.marcom.swing;

import dev.marcom.Bytes;
import dev.marcom.SignatureAlgorithm;
import dev.marcom.session.VerifiedMessage;
import java.time.LocalTime;

/**
 * One line of the chat: a message (own or the peer's) with the record's nonce and tag when known,
 * a file transfer, or a system notice.
 */
sealed interface ChatEntry {
    LocalTime time();

    /** A signed message; {@code own} if this side sent it. */
    record Message(boolean own, VerifiedMessage message, LocalTime time, Bytes nonce, Bytes tag) implements ChatEntry {}

    /**
     * A file sent or received (received ones only after their signature verified), signed with
     * {@code signer}'s algorithm.
     */
    record File(boolean own, String name, long length, Bytes sha256, SignatureAlgorithm signer, LocalTime time)
            implements ChatEntry {}

    /** A status notice from the app (connected, closed by peer…). */
    record Notice(String text, LocalTime time) implements ChatEntry {}
}
