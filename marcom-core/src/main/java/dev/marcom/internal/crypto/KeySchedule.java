package dev.marcom.internal.crypto;

import java.nio.charset.StandardCharsets;

/**
 * MARCOM's HKDF-SHA256 key schedule (see docs/PROTOCOL.md, "Key schedule"). Every derived value
 * uses {@code info = "MARCOM v1 " ‖ label ‖ 0x00 ‖ context}, so no two uses can collide.
 */
public final class KeySchedule {
    public static final String C_FINISHED = "c finished";
    public static final String S_FINISHED = "s finished";
    public static final String C_TRAFFIC = "c ap traffic";
    public static final String S_TRAFFIC = "s ap traffic";
    public static final String KEY = "key";
    public static final String IV = "iv";
    public static final String UPDATE = "traffic upd";

    private KeySchedule() {}

    /** HKDF-Expand with a MARCOM label and context. */
    public static byte[] expand(Kdf kdf, byte[] prk, String label, byte[] context, int length) {
        byte[] l = ("MARCOM v1 " + label).getBytes(StandardCharsets.US_ASCII);
        byte[] info = new byte[l.length + 1 + context.length];
        System.arraycopy(l, 0, info, 0, l.length);
        System.arraycopy(context, 0, info, l.length + 1, context.length);
        return kdf.expand(prk, info, length);
    }
}
