package dev.marcom.internal.pem;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;

/**
 * A strict codec for one RFC 7468 PEM block, such as {@code -----BEGIN PUBLIC KEY-----}.
 *
 * <p>Writing produces the RFC 7468 "strict" form: the BEGIN line, standard padded base64 wrapped
 * at 64 characters, the END line, each line ending in LF. Reading accepts exactly that form (CRLF
 * line ends are also accepted, and the final line break may be missing) and rejects everything
 * else: input over {@link #MAX_INPUT} bytes, text before BEGIN or after END, RFC 1421 headers,
 * an END label that differs from the BEGIN label, body lines that are not 64 characters (except
 * the last), characters outside the base64 alphabet, and non-canonical base64 (missing padding or
 * non-zero unused bits).
 *
 * <p>The body is handled as bytes, never as a {@code String}, so a caller holding a private key
 * can wipe every copy it receives.
 */
public final class Pem {
  /** The largest input {@link #decode} accepts: 64 KiB, far more than any MARCOM key file. */
  public static final int MAX_INPUT = 64 * 1024;
  /** Base64 characters per body line. */
  public static final int LINE_LENGTH = 64;

  private static final byte[] DASHES = "-----".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] BEGIN = "-----BEGIN ".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] END = "-----END ".getBytes(StandardCharsets.US_ASCII);
  private static final int MAX_LABEL = 64;

  private Pem() {
  }

  /** One decoded block: its label and its binary content. */
  public static final class Block {
    private final String label;
    private final byte[] der;

    private Block(String label, byte[] der) {
      this.label = label;
      this.der = der;
    }

    /** The label between {@code BEGIN } and the dashes, e.g. {@code PRIVATE KEY}. */
    public String label() {
      return label;
    }

    /** The decoded content, not copied: the caller owns it and should wipe it if secret. */
    public byte[] der() {
      return der;
    }

    /** Overwrites the content with zeros. */
    public void wipe() {
      Arrays.fill(der, (byte) 0);
    }
  }

  /**
   * Encodes {@code der} as a PEM block with {@code label}, as US-ASCII bytes. The result holds the
   * content in base64: wipe it after use if the content is secret.
   *
   * @throws IllegalArgumentException if the label is not upper-case letters, digits and single
   *     spaces (the labels RFC 7468 defines are)
   */
  public static byte[] encode(String label, byte[] der) {
    checkLabel(label);
    byte[] labelBytes = label.getBytes(StandardCharsets.US_ASCII);
    byte[] body = Base64.getEncoder().encode(der);
    try {
      int lines = (body.length + LINE_LENGTH - 1) / LINE_LENGTH;
      int size = BEGIN.length + labelBytes.length + DASHES.length + 1
          + body.length + lines
          + END.length + labelBytes.length + DASHES.length + 1;
      byte[] out = new byte[size];
      int pos = put(out, 0, BEGIN);
      pos = put(out, pos, labelBytes);
      pos = put(out, pos, DASHES);
      out[pos++] = '\n';
      for (int i = 0; i < body.length; i += LINE_LENGTH) {
        int n = Math.min(LINE_LENGTH, body.length - i);
        System.arraycopy(body, i, out, pos, n);
        pos += n;
        out[pos++] = '\n';
      }
      pos = put(out, pos, END);
      pos = put(out, pos, labelBytes);
      pos = put(out, pos, DASHES);
      out[pos++] = '\n';
      return out;
    } finally {
      Arrays.fill(body, (byte) 0);
    }
  }

  /**
   * Decodes the single PEM block that is the whole of {@code input}.
   *
   * @throws PemException if the input is too large or not exactly one strict PEM block
   */
  public static Block decode(byte[] input) throws PemException {
    if (input.length > MAX_INPUT) {
      throw new PemException("larger than " + MAX_INPUT + " bytes");
    }
    Lines lines = new Lines(input);
    String label = readBoundary(lines, BEGIN, "BEGIN");
    byte[] body = new byte[input.length];
    int bodyLength = 0;
    try {
      boolean shortLineSeen = false;
      while (true) {
        if (!lines.next()) {
          throw new PemException("no END line");
        }
        if (lines.startsWith(END)) {
          break;
        }
        int n = lines.length();
        if (shortLineSeen) {
          throw new PemException("base64 line shorter than " + LINE_LENGTH
              + " characters before the last line");
        }
        if (n == 0) {
          throw new PemException("empty line in the base64 body");
        }
        if (n > LINE_LENGTH) {
          throw new PemException("base64 line longer than " + LINE_LENGTH + " characters");
        }
        shortLineSeen = n < LINE_LENGTH;
        for (int i = 0; i < n; i++) {
          byte c = lines.at(i);
          if (!isBase64(c)) {
            throw new PemException("character 0x" + Integer.toHexString(c & 0xff)
                + " is not base64");
          }
          body[bodyLength++] = c;
        }
      }
      String endLabel = boundaryLabel(lines, END, "END");
      if (!endLabel.equals(label)) {
        throw new PemException("END label '" + endLabel + "' does not match BEGIN label '"
            + label + "'");
      }
      if (lines.next()) {
        throw new PemException("text after the END line");
      }
      if (bodyLength == 0) {
        throw new PemException("empty body");
      }
      return new Block(label, decodeCanonical(body, bodyLength));
    } finally {
      Arrays.fill(body, (byte) 0);
    }
  }

  private static byte[] decodeCanonical(byte[] body, int length) throws PemException {
    if (length % 4 != 0) {
      throw new PemException("base64 body is not a multiple of 4 characters");
    }
    byte[] b64 = Arrays.copyOf(body, length);
    byte[] decoded = null;
    byte[] again = null;
    try {
      decoded = Base64.getDecoder().decode(b64);
      again = Base64.getEncoder().encode(decoded);
      if (!Arrays.equals(again, b64)) {
        // '=' inside the body, or non-zero bits in the last character: not canonical.
        throw new PemException("base64 body is not canonical");
      }
      byte[] result = decoded;
      decoded = null;
      return result;
    } catch (IllegalArgumentException e) {
      throw new PemException("base64 body does not decode");
    } finally {
      Arrays.fill(b64, (byte) 0);
      if (decoded != null) {
        Arrays.fill(decoded, (byte) 0);
      }
      if (again != null) {
        Arrays.fill(again, (byte) 0);
      }
    }
  }

  private static String readBoundary(Lines lines, byte[] prefix, String what)
      throws PemException {
    if (!lines.next()) {
      throw new PemException("empty input");
    }
    return boundaryLabel(lines, prefix, what);
  }

  private static String boundaryLabel(Lines lines, byte[] prefix, String what)
      throws PemException {
    int n = lines.length();
    if (!lines.startsWith(prefix) || n < prefix.length + DASHES.length) {
      throw new PemException("expected a '-----" + what + " <label>-----' line");
    }
    for (int i = 0; i < DASHES.length; i++) {
      if (lines.at(n - DASHES.length + i) != '-') {
        throw new PemException("the " + what + " line does not end in '-----'");
      }
    }
    int labelLength = n - prefix.length - DASHES.length;
    byte[] raw = new byte[labelLength];
    for (int i = 0; i < labelLength; i++) {
      raw[i] = lines.at(prefix.length + i);
    }
    String label = new String(raw, StandardCharsets.ISO_8859_1);
    if (!isValidLabel(label)) {
      throw new PemException("invalid " + what + " label");
    }
    return label;
  }

  private static void checkLabel(String label) {
    if (!isValidLabel(label)) {
      throw new IllegalArgumentException("invalid PEM label: " + label);
    }
  }

  private static boolean isValidLabel(String label) {
    if (label.isEmpty() || label.length() > MAX_LABEL
        || label.charAt(0) == ' ' || label.charAt(label.length() - 1) == ' ') {
      return false;
    }
    char previous = 'A';
    for (int i = 0; i < label.length(); i++) {
      char c = label.charAt(i);
      boolean ok = (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
          || (c == ' ' && previous != ' ');
      if (!ok) {
        return false;
      }
      previous = c;
    }
    return true;
  }

  private static boolean isBase64(byte c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
        || c == '+' || c == '/' || c == '=';
  }

  private static int put(byte[] out, int pos, byte[] src) {
    System.arraycopy(src, 0, out, pos, src.length);
    return pos + src.length;
  }

  /** A cursor over LF- or CRLF-terminated lines; a lone CR is an error. */
  private static final class Lines {
    private final byte[] in;
    private int start;
    private int end = -1;
    private int next;

    Lines(byte[] in) {
      this.in = in;
    }

    /** Advances to the next line; false at the end of input. */
    boolean next() throws PemException {
      if (next >= in.length) {
        return false;
      }
      start = next;
      int i = start;
      while (i < in.length && in[i] != '\n') {
        byte c = in[i];
        if (c == '\r' && !(i + 1 < in.length && in[i + 1] == '\n')) {
          throw new PemException("carriage return without line feed");
        }
        if (c != '\r' && (c < 0x20 || c > 0x7e)) {
          throw new PemException("byte 0x" + Integer.toHexString(c & 0xff)
              + " is not printable ASCII");
        }
        i++;
      }
      end = (i > start && in[i - 1] == '\r') ? i - 1 : i;
      next = i < in.length ? i + 1 : i;
      return true;
    }

    int length() {
      return end - start;
    }

    byte at(int i) {
      return in[start + i];
    }

    boolean startsWith(byte[] prefix) {
      if (length() < prefix.length) {
        return false;
      }
      for (int i = 0; i < prefix.length; i++) {
        if (in[start + i] != prefix[i]) {
          return false;
        }
      }
      return true;
    }
  }
}
