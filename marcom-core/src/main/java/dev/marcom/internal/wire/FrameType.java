package dev.marcom.internal.wire;

/** Frame types on the wire: the first byte of every frame. */
public enum FrameType {
    CLIENT_HELLO(0x01, 4096),
    SERVER_HELLO(0x02, 16384),
    CLIENT_AUTH(0x03, 16384),
    SERVER_FINISHED(0x04, 64),
    /**
     * The server refuses the client's proven identity instead of finishing: reason (1) ‖ HMAC (32)
     * under the server's Finished key, so only the real server can send it.
     */
    REFUSAL(0x15, 64),
    /**
     * The server shares no suite with the client's offer: its own suite list, so the client can say
     * what each side supports. Unauthenticated; the handshake ends.
     */
    NO_COMMON_SUITE(0x16, 1 + 2 * 32),
    /** An AES-256-GCM protected record: inner type ‖ content, then the 16-byte tag. */
    RECORD(0x17, Frames.MAX_RECORD_BODY);

    private final int code;
    private final int maxBody;

    FrameType(int code, int maxBody) {
        this.code = code;
        this.maxBody = maxBody;
    }

    public int code() {
        return code;
    }

    /** The largest body a frame of this type may have; checked before allocating. */
    public int maxBody() {
        return maxBody;
    }

    /** The type for {@code code}, or null if unknown. */
    public static FrameType of(int code) {
        return code >= 0 && code < BY_CODE.length ? BY_CODE[code] : null;
    }

    /** Each type at its code (read-only after class initialisation; {@code values()} clones). */
    private static final FrameType[] BY_CODE = new FrameType[256];

    static {
        for (FrameType t : values()) {
            BY_CODE[t.code] = t;
        }
    }
}
