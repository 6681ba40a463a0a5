package dev.marcom.transport;

import dev.marcom.session.VerifiedStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;

/**
 * The bytes of a stream the peer is sending, read chunk by chunk without holding the whole
 * payload in memory.
 *
 * <h2>Security guarantees</h2>
 * {@link #read} returns -1 (end of stream) <em>only</em> after the sender's DSA signature over the
 * SHA-256 of every byte verified; a tampered, truncated or unsigned stream makes {@code read}
 * throw {@link StreamVerificationException} or {@link ConnectionLostException} instead. So code
 * that reads to the end and then uses the data cannot mistake an unfinished or unverified stream
 * for an authentic one. Bytes returned before the end are provisional: write them somewhere
 * temporary and commit only after end of stream (and {@link #verified()}).
 */
public final class InboundStream extends InputStream {
    private final SecureChannel channel;
    private final long sequence;
    private final String name;
    private final long announcedLength;
    private ByteBuffer current = ByteBuffer.allocate(0);
    private VerifiedStream verified;
    private long received;

    InboundStream(SecureChannel channel, long sequence, String name, long announcedLength) {
        this.channel = channel;
        this.sequence = sequence;
        this.name = name;
        this.announcedLength = announcedLength;
    }

    /**
     * Returns the sender's label for the stream, such as a file name. Not to be trusted as a path:
     * see {@link ReceivedFiles#safeName(String)}.
     *
     * @return the name, as the sender wrote it
     */
    public String name() {
        return name;
    }

    /**
     * Returns the total length the sender announced; the stream fails verification if its length
     * differs.
     *
     * @return the length in bytes, or -1 if the sender did not announce one
     */
    public long announcedLength() {
        return announcedLength;
    }

    /**
     * Returns the stream's number in its direction.
     *
     * @return 1 for the first stream, counting up (streams are numbered apart from messages)
     */
    public long sequence() {
        return sequence;
    }

    /**
     * Returns how many bytes {@link #read} has delivered so far.
     *
     * @return the byte count
     */
    public long bytesReceived() {
        return received;
    }

    /**
     * The verified summary (SHA-256, signature, signer), available once {@link #read} has returned
     * -1.
     *
     * @return the verified summary
     * @throws IllegalStateException if the stream has not been read to its verified end
     */
    public VerifiedStream verified() {
        if (verified == null) {
            throw new IllegalStateException("stream not yet read to its verified end");
        }
        return verified;
    }

    /**
     * Returns whether the stream has been read to its verified end.
     *
     * @return true once {@link #verified()} is available
     */
    public boolean isVerified() {
        return verified != null;
    }

    void chunk(ByteBuffer data) {
        current = data;
    }

    void end(VerifiedStream summary) {
        verified = summary;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        java.util.Objects.checkFromIndexSize(off, len, b.length);
        if (len == 0) {
            return 0;
        }
        while (!current.hasRemaining()) {
            if (verified != null) {
                return -1;
            }
            channel.pumpStream(this);
        }
        int n = Math.min(len, current.remaining());
        current.get(b, off, n);
        received += n;
        return n;
    }

    @Override
    public int available() {
        return current.remaining();
    }

    /** Reads and verifies the rest of the stream, discarding it. */
    @Override
    public void close() throws IOException {
        byte[] sink = new byte[8192];
        while (read(sink, 0, sink.length) >= 0) {
            // drain
        }
    }
}
