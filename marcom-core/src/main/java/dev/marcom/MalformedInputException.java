package dev.marcom;

/**
 * Input bytes do not parse: a frame with an unknown type, a bad length, an oversized body, a
 * truncated field, trailing bytes, or a key that does not decode. Raised before any large
 * allocation; nothing from the input is delivered.
 */
public class MalformedInputException extends MarcomException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what did not parse
     */
    public MalformedInputException(String message) {
        super(message);
    }

    /**
     * Creates the exception with the lower-level failure that caused it.
     *
     * @param message what did not parse
     * @param cause the underlying failure, or {@code null}
     */
    public MalformedInputException(String message, Throwable cause) {
        super(message, cause);
    }
}
