package dev.marcom;

/** Which way a message travels; part of every signed message and of every nonce's key. */
public enum Direction {
    /** Sent by the client, received by the server; code 1. */
    CLIENT_TO_SERVER(1),
    /** Sent by the server, received by the client; code 2. */
    SERVER_TO_CLIENT(2);

    private final int code;

    Direction(int code) {
        this.code = code;
    }

    /**
     * Returns the byte that stands for this direction in signed data.
     *
     * @return 1 for {@link #CLIENT_TO_SERVER}, 2 for {@link #SERVER_TO_CLIENT}
     */
    public int code() {
        return code;
    }

    /**
     * Looks up a direction by its code.
     *
     * @param code the byte from signed data
     * @return the direction with that {@link #code()}
     * @throws IllegalArgumentException if {@code code} is neither 1 nor 2
     */
    public static Direction of(int code) {
        return switch (code) {
            case 1 -> CLIENT_TO_SERVER;
            case 2 -> SERVER_TO_CLIENT;
            default -> throw new IllegalArgumentException("unknown direction " + code);
        };
    }
}
