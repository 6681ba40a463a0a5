package dev.marcom.transport;

import dev.marcom.session.VerifiedMessage;

/** What {@link SecureChannel#next()} delivers: a verified message, an incoming stream, or the end. */
public sealed interface Delivery {

    /** A complete message whose record, sequence and signature verified. */
    record Message(VerifiedMessage message) implements Delivery {}

    /**
     * An incoming stream. Read it to its end: {@link InboundStream#read} reports end of stream
     * only after the sender's signature over all bytes verified, and throws otherwise.
     */
    record Stream(InboundStream stream) implements Delivery {}

    /** The peer closed the session with close_notify; nothing more will arrive. */
    record Closed() implements Delivery {}
}
