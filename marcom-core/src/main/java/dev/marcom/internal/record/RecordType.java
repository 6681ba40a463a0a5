package dev.marcom.internal.record;

/** Inner content types, encrypted inside each record so an observer cannot tell them apart. */
public enum RecordType {
    /** A fragment of a message; more follow. */
    MESSAGE_PART(0x01),
    /**
     * The last (or only) fragment of a message: how many of the peer's messages the sender had seen
     * (8) ‖ signature length (2) ‖ DSA signature ‖ bytes.
     */
    MESSAGE_FINAL(0x02),
    /** The sender will send nothing more: an authenticated end of the session. */
    CLOSE_NOTIFY(0x03),
    /** The sender switches to the next generation of its traffic key after this record. */
    KEY_UPDATE(0x04),
    /** A keep-alive probe; the receiver answers with {@link #PONG}. Empty. */
    PING(0x05),
    /** The answer to a {@link #PING}. Empty. */
    PONG(0x06),
    /** Starts a stream: name length (2) ‖ UTF-8 name ‖ announced size (8, or -1). */
    STREAM_BEGIN(0x10),
    /** Bytes of the current stream. */
    STREAM_CHUNK(0x11),
    /**
     * Ends the current stream: how many of the peer's messages the sender had seen (8) ‖ signature
     * length (2) ‖ DSA signature over the stream's signed data.
     */
    STREAM_END(0x12);

    private final int code;

    RecordType(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    /** The type for {@code code}, or null. */
    public static RecordType of(int code) {
        return code >= 0 && code < BY_CODE.length ? BY_CODE[code] : null;
    }

    /** Each type at its code (read-only after class initialisation; {@code values()} clones). */
    private static final RecordType[] BY_CODE = new RecordType[256];

    static {
        for (RecordType t : values()) {
            BY_CODE[t.code] = t;
        }
    }
}
