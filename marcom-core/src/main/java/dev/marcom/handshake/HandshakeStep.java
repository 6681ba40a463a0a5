package dev.marcom.handshake;

import dev.marcom.session.Session;

/**
 * What the caller of a {@link Handshake} must do next. Exactly one step results from each call.
 */
public sealed interface HandshakeStep {

    /** Write {@code frame} to the peer, then call {@link Handshake#next()}. */
    record Send(byte[] frame) implements HandshakeStep {
        /**
         * Holds a copy of {@code frame}.
         *
         * @param frame the complete frame to write
         */
        public Send {
            frame = frame.clone();
        }

        /**
         * Returns the frame to write.
         *
         * @return a fresh copy of the frame
         */
        @Override
        public byte[] frame() {
            return frame.clone();
        }
    }

    /** Read one frame from the peer and pass it to {@link Handshake#receive(byte[])}. */
    record AwaitFrame() implements HandshakeStep {}

    /** The handshake is complete; use {@code session} from now on. */
    record Established(Session session) implements HandshakeStep {}
}
