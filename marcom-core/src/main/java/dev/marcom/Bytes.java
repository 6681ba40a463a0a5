package dev.marcom;

import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;

/**
 * An immutable sequence of bytes: public protocol values such as nonces, digests, signatures and
 * ciphertexts. Construction and {@link #toByteArray()} copy, so holders cannot be changed from
 * outside. {@link #equals} compares in constant time for equal lengths.
 */
public final class Bytes {
    private static final Bytes EMPTY = new Bytes(new byte[0]);
    private final byte[] value;

    private Bytes(byte[] value) {
        this.value = value;
    }

    /**
     * Returns a copy of {@code value}.
     *
     * @param value the bytes to copy; later changes to the array do not affect the result
     * @return the bytes
     */
    public static Bytes of(byte[] value) {
        return value.length == 0 ? EMPTY : new Bytes(value.clone());
    }

    /**
     * Returns a copy of part of an array.
     *
     * @param value the array to copy from
     * @param offset index of the first byte to copy
     * @param length number of bytes to copy
     * @return the {@code length} bytes of {@code value} starting at {@code offset}
     * @throws IndexOutOfBoundsException if the range is not inside {@code value}
     */
    public static Bytes of(byte[] value, int offset, int length) {
        return new Bytes(Arrays.copyOfRange(value, offset, offset + length));
    }

    /**
     * Parses hexadecimal text.
     *
     * @param hex an even number of hex digits, lower or upper case, without separators
     * @return the decoded bytes
     * @throws IllegalArgumentException if {@code hex} is not such text
     */
    public static Bytes fromHex(String hex) {
        return new Bytes(HexFormat.of().parseHex(hex));
    }

    /**
     * Returns the number of bytes.
     *
     * @return the length, possibly 0
     */
    public int length() {
        return value.length;
    }

    /**
     * Returns one byte.
     *
     * @param index position of the byte, from 0
     * @return the byte at {@code index}
     * @throws IndexOutOfBoundsException if {@code index} is not below {@link #length()}
     */
    public byte get(int index) {
        return value[index];
    }

    /**
     * Returns the bytes as an array.
     *
     * @return a fresh copy, which the caller may change
     */
    public byte[] toByteArray() {
        return value.clone();
    }

    /**
     * Returns the bytes as hexadecimal text.
     *
     * @return lower-case hex, two digits per byte, no separators
     */
    public String hex() {
        return HexFormat.of().formatHex(value);
    }

    /**
     * Returns the bytes in Base64.
     *
     * @return standard Base64 (RFC 4648 section 4) with padding, no line breaks
     */
    public String base64() {
        return Base64.getEncoder().encodeToString(value);
    }

    /**
     * Returns hex shortened for display.
     *
     * @param keep how many bytes to show at each end
     * @return the full {@link #hex()} if at most {@code 2 * keep} bytes long; otherwise the first and
     *     last {@code keep} bytes in hex around an ellipsis, followed by the length, such as
     *     {@code "0a1b…9f8e (32 bytes)"}
     */
    public String abbreviated(int keep) {
        if (value.length <= 2 * keep) {
            return hex();
        }
        HexFormat h = HexFormat.of();
        return h.formatHex(value, 0, keep) + "…" + h.formatHex(value, value.length - keep, value.length) + " ("
                + value.length + " bytes)";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Bytes other && MessageDigest.isEqual(value, other.value);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(value);
    }

    @Override
    public String toString() {
        return hex();
    }
}
