package dev.marcom.transport;

import dev.marcom.MarcomException;
import java.io.IOException;

/**
 * An {@link InboundStream} failed a security check (a record did not authenticate, the stream's
 * signature did not verify, or its framing was wrong). {@link #getCause()} is the
 * {@link MarcomException}. The bytes read so far must be discarded.
 */
public class StreamVerificationException extends IOException {
    private static final long serialVersionUID = 1L;

    /**
     * Wraps the {@link MarcomException} that made a stream fail.
     *
     * @param cause the failure, returned by {@link #getCause()}
     */
    public StreamVerificationException(MarcomException cause) {
        super("stream failed verification: " + cause.getMessage(), cause);
    }

    @Override
    public synchronized MarcomException getCause() {
        return (MarcomException) super.getCause();
    }
}
