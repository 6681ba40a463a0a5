package dev.marcom.internal.pem;

/**
 * Input is not a single well-formed PEM block. The message describes the defect and never contains
 * the block's content.
 */
public final class PemException extends Exception {
    private static final long serialVersionUID = 1L;

    PemException(String message) {
        super(message);
    }
}
