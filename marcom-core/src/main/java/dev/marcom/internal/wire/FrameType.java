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
        for (FrameType t : values()) {
            if (t.code == code) {
                return t;
            }
        }
        return null;
    }
}
