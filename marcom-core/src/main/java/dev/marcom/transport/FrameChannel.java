package dev.marcom.transport;

import dev.marcom.MalformedInputException;
import java.io.Closeable;
import java.io.IOException;

/**
 * A reliable, ordered carrier of MARCOM frames: the only thing a transport must provide. Frames
 * are self-delimiting ({@code type ‖ length ‖ body}), so any byte stream can carry them.
 *
 * <p>Implementations check each header's type and length against the protocol maximum before
 * allocating the body. One thread may read while another writes.
 */
public interface FrameChannel extends Closeable {

    /**
     * Reads one complete frame.
     *
     * @return the frame, or null if the peer ended the stream cleanly at a frame boundary
     * @throws MalformedInputException if the header is invalid or announces an oversized body
     * @throws java.io.EOFException if the stream ended inside a frame
     * @throws IOException on transport failure
     */
    byte[] readFrame() throws IOException, MalformedInputException;

    /**
     * Writes bytes holding one or more complete frames, and flushes them.
     *
     * @param frames one or more complete frames, concatenated
     * @throws IOException on transport failure, or if the channel is closed
     */
    void write(byte[] frames) throws IOException;

    /** Closes the transport; a blocked {@link #readFrame()} then fails or returns null. */
    @Override
    void close() throws IOException;
}
