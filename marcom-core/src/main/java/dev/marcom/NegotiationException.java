package dev.marcom;

/**
 * The peers share no protocol version or cipher suite, or the peer chose one that was not
 * offered (a downgrade attempt is reported this way or as an {@link AuthenticationException}).
 */
public class NegotiationException extends MarcomException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what could not be agreed
     */
    public NegotiationException(String message) {
        super(message);
    }
}
