package dev.marcom.session;

import dev.marcom.AuthenticationException;
import dev.marcom.MalformedInputException;
import dev.marcom.internal.session.ChainHeads;
import dev.marcom.internal.session.MessageSignatures;

/**
 * What binds a session's two directions into one conversation (docs/PROTOCOL.md §6.1), and the
 * only mutable state its halves share besides the failure: the heads of this side's message
 * chain that the peer may still acknowledge, written by the sending half and checked by the
 * receiving one, and how many of the peer's messages this side has verified, written by the
 * receiving half and signed by the sending one. Thread-safe: each half runs on its own thread.
 */
final class Conversation {
    /**
     * How many of the peer's messages this side had received and verified, and their head. A
     * volatile reference, so both values always belong together; the array is never modified.
     */
    record Seen(long count, byte[] head) {}

    /** Guarded by its own monitor, which is never held while another lock is taken. */
    private final ChainHeads sentHeads = new ChainHeads();

    private volatile Seen seen = new Seen(0, MessageSignatures.emptyHead());

    /** For the sending half: what this side has seen of the peer, to sign into the next message. */
    Seen seen() {
        return seen;
    }

    /** For the receiving half: the peer's message {@code count}, with chain head {@code head}. */
    void received(long count, byte[] head) {
        seen = new Seen(count, head);
    }

    /** For the sending half: the head of this side's chain after its last message. */
    byte[] lastSentHead() {
        synchronized (sentHeads) {
            return sentHeads.last();
        }
    }

    /** For the sending half: this side sent the next message, with chain head {@code head}. */
    void sent(byte[] head) {
        synchronized (sentHeads) {
            sentHeads.append(head);
        }
    }

    /**
     * For the receiving half: the head of this side's chain after the {@code peerHad} messages
     * the peer says it had received when it signed. A claim of a message this side never sent is
     * an authentication failure (the claim is signed data, so it is a false signature); one older
     * than what this side keeps cannot be checked and is malformed.
     *
     * @throws AuthenticationException if this side never sent message {@code peerHad}
     * @throws MalformedInputException if that message's head is no longer kept
     */
    byte[] sentHeadAt(long peerHad) throws AuthenticationException, MalformedInputException {
        boolean neverSent;
        byte[] head;
        synchronized (sentHeads) {
            neverSent = peerHad > sentHeads.count();
            head = neverSent ? null : sentHeads.at(peerHad);
        }
        if (neverSent) {
            throw new AuthenticationException("the peer's signature claims a message this side never" + " sent");
        }
        if (head == null) {
            throw new MalformedInputException("the peer acknowledges message #" + peerHad
                    + ", older than the " + ChainHeads.MAX_RETAINED
                    + " unacknowledged messages this side keeps");
        }
        return head;
    }

    /** For the receiving half: the peer had seen {@code peerHad} of this side's messages. */
    void acknowledged(long peerHad) {
        synchronized (sentHeads) {
            sentHeads.forgetBefore(peerHad);
        }
    }
}
