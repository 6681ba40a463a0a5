package dev.marcom.internal.pem;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.bouncycastle.util.encoders.DecoderException;
import org.bouncycastle.util.io.pem.PemObject;
import org.bouncycastle.util.io.pem.PemReader;
import org.bouncycastle.util.io.pem.PemWriter;

/**
 * A strict codec for one RFC 7468 PEM block, such as {@code -----BEGIN PUBLIC KEY-----}, on top of
 * BouncyCastle's {@link PemReader} and {@link PemWriter}.
 *
 * <p>Writing produces the RFC 7468 "strict" form: the BEGIN line, standard padded base64 wrapped
 * at 64 characters, the END line, each line ending in LF on every platform. Reading accepts exactly
 * that form (CRLF line ends are also accepted, and the final line break may be missing): the
 * block BouncyCastle parses is written again and must give back the input. So input over
 * {@link #MAX_INPUT} bytes, text before BEGIN or after END, RFC 1421 headers, an END label that
 * differs from the BEGIN label, body lines that are not 64 characters (except the last),
 * characters outside the base64 alphabet and non-canonical base64 are all refused, and one key has
 * one file.
 *
 * <p>{@link Block#der()} is a fresh array that the caller can wipe. The base64 text itself passes
 * through {@code String}s inside BouncyCastle, which cannot be wiped: for an unencrypted private
 * key that is the same secret the file holds in clear on disk.
 */
public final class Pem {
    /** The largest input {@link #decode} accepts: 64 KiB, far more than any MARCOM key file. */
    public static final int MAX_INPUT = 64 * 1024;

    private static final int MAX_LABEL = 64;

    private Pem() {}

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
        if (!isValidLabel(label)) {
            throw new IllegalArgumentException("invalid PEM label: " + label);
        }
        return text(label, der).getBytes(StandardCharsets.US_ASCII);
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
        checkCharacters(input);
        String text = new String(input, StandardCharsets.US_ASCII).replace("\r\n", "\n");
        if (text.isEmpty()) {
            throw new PemException("empty input");
        }
        if (!text.endsWith("\n")) {
            text += "\n";
        }
        PemObject block;
        try (PemReader reader = new PemReader(new StringReader(text))) {
            block = reader.readPemObject();
        } catch (IOException | RuntimeException e) {
            // BouncyCastle reports bad base64 as an IOException caused by a DecoderException, and a
            // missing END line as a plain IOException.
            boolean base64 = e instanceof DecoderException || e.getCause() instanceof DecoderException;
            throw new PemException(base64 ? "the body is not base64" : "no END line matching the BEGIN line");
        }
        if (block == null) {
            throw new PemException("expected a '-----BEGIN <label>-----' line");
        }
        byte[] der = block.getContent();
        if (!isValidLabel(block.getType())) {
            Arrays.fill(der, (byte) 0);
            throw new PemException("invalid BEGIN label");
        }
        if (!block.getHeaders().isEmpty()) {
            Arrays.fill(der, (byte) 0);
            throw new PemException("RFC 1421 headers (such as Proc-Type) are not supported");
        }
        if (der.length == 0) {
            throw new PemException("empty body");
        }
        String canonical = text(block.getType(), der);
        if (!canonical.equals(text)) {
            Arrays.fill(der, (byte) 0);
            throw new PemException("line " + firstDifferentLine(text, canonical) + " is not in the"
                    + " strict form (one BEGIN line, base64 in lines of 64 characters, one END line)");
        }
        return new Block(block.getType(), der);
    }

    /** The strict form of a block, with LF line ends whatever the platform's line separator. */
    private static String text(String label, byte[] der) {
        StringWriter out = new StringWriter();
        try (PemWriter writer = new PemWriter(out) {
            @Override
            public void newLine() throws IOException {
                write('\n');
            }
        }) {
            writer.writeObject(new PemObject(label, der));
        } catch (IOException e) {
            throw new UncheckedIOException("writing to a StringWriter failed", e);
        }
        return out.toString();
    }

    /** Refuses bytes that are not printable ASCII, LF, or CR followed by LF. */
    private static void checkCharacters(byte[] input) throws PemException {
        for (int i = 0; i < input.length; i++) {
            byte c = input[i];
            if (c == '\r') {
                if (i + 1 == input.length || input[i + 1] != '\n') {
                    throw new PemException("carriage return without line feed");
                }
            } else if (c != '\n' && (c < 0x20 || c > 0x7e)) {
                throw new PemException("byte 0x" + Integer.toHexString(c & 0xff) + " is not printable ASCII");
            }
        }
    }

    private static int firstDifferentLine(String a, String b) {
        String[] x = a.split("\n", -1);
        String[] y = b.split("\n", -1);
        int i = 0;
        while (i < x.length && i < y.length && x[i].equals(y[i])) {
            i++;
        }
        return i + 1;
    }

    private static boolean isValidLabel(String label) {
        if (label.isEmpty()
                || label.length() > MAX_LABEL
                || label.charAt(0) == ' '
                || label.charAt(label.length() - 1) == ' ') {
            return false;
        }
        char previous = 'A';
        for (int i = 0; i < label.length(); i++) {
            char c = label.charAt(i);
            boolean ok = (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || (c == ' ' && previous != ' ');
            if (!ok) {
                return false;
            }
            previous = c;
        }
        return true;
    }
}
