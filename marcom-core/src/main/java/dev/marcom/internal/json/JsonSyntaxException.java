package dev.marcom.internal.json;

import dev.marcom.MalformedInputException;

/** Text that is not a flat JSON object within the limits; {@link #offset()} is where it failed. */
public final class JsonSyntaxException extends MalformedInputException {
    private static final long serialVersionUID = 1L;

    private final int offset;

    JsonSyntaxException(String message, int offset) {
        super(message + " at offset " + offset);
        this.offset = offset;
    }

    /** The character offset in the input at which the error was found. */
    public int offset() {
        return offset;
    }
}
