package dev.marcom.internal.session;

import java.util.Arrays;

/**
 * The heads of one direction's message chain (see {@link MessageSignatures}) that the other
 * direction may still acknowledge: from the last one it acknowledged to the newest, at most
 * {@link #MAX_RETAINED}. A session keeps one for the messages it sends, to check what the peer
 * says it has seen; the transcript verifier keeps one per direction. Not thread-safe.
 *
 * <p>Acknowledgements only grow, so once the other direction acknowledged message k, heads before
 * k are never needed again and are dropped: in a conversation the retained heads are the few
 * messages in flight. A direction that is never answered keeps its newest
 * {@link #MAX_RETAINED} heads (32 bytes each, 2 MiB at most); an acknowledgement of an older one
 * cannot be checked and is refused.
 */
public final class ChainHeads {
    /** How many heads are kept at most: 65,536. */
    public static final int MAX_RETAINED = 1 << 16;

    private static final int HEAD = 32;

    private static final int FIRST_SLOTS = 16;

    private long count;
    /** The head after the last message; null while the chain is empty. */
    private byte[] last;
    /**
     * Heads of messages {@code oldest .. count}, in a ring starting at slot {@code start}; null
     * until the first message, so a direction that never sends keeps no ring.
     */
    private byte[] ring;

    private int start;
    private long oldest = 1;

    /** The number of messages in the chain. */
    public long count() {
        return count;
    }

    /** The head after the last message: zeros if there is none. */
    public byte[] last() {
        return last == null ? MessageSignatures.emptyHead() : last.clone();
    }

    /** Adds the head of the next message. */
    public void append(byte[] head) {
        if (head.length != HEAD) {
            throw new IllegalArgumentException("a head is 32 bytes");
        }
        int size = retained();
        if (ring == null) {
            ring = new byte[FIRST_SLOTS * HEAD];
        }
        if (size == MAX_RETAINED) {
            start = (start + 1) % MAX_RETAINED;
            oldest++;
            size--;
        } else if ((size + 1) * HEAD > ring.length) {
            byte[] grown = new byte[Math.min(ring.length * 2, MAX_RETAINED * HEAD)];
            int slots = ring.length / HEAD;
            for (int i = 0; i < size; i++) {
                System.arraycopy(ring, ((start + i) % slots) * HEAD, grown, i * HEAD, HEAD);
            }
            ring = grown;
            start = 0;
        }
        int slots = ring.length / HEAD;
        System.arraycopy(head, 0, ring, ((start + size) % slots) * HEAD, HEAD);
        count++;
        last = head.clone();
    }

    /**
     * The head after message {@code k}: zeros for 0, or null if {@code k} is beyond the chain or
     * no longer retained.
     */
    public byte[] at(long k) {
        if (k == 0) {
            return MessageSignatures.emptyHead();
        }
        if (k < oldest || k > count) {
            return null;
        }
        int slots = ring.length / HEAD;
        int slot = (int) ((start + (k - oldest)) % slots);
        return Arrays.copyOfRange(ring, slot * HEAD, slot * HEAD + HEAD);
    }

    /** Drops the heads of messages before {@code k}, which the other direction acknowledged. */
    public void forgetBefore(long k) {
        long drop = Math.min(k, count + 1) - oldest;
        if (drop <= 0) {
            return;
        }
        int slots = ring.length / HEAD;
        start = (int) ((start + drop) % slots);
        oldest += drop;
    }

    private int retained() {
        return (int) (count - oldest + 1);
    }
}
