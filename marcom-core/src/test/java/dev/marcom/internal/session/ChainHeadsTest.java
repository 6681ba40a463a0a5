package dev.marcom.internal.session;

import static org.assertj.core.api.Assertions.assertThat;

import dev.marcom.internal.crypto.Sha256;
import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

class ChainHeadsTest {
    static byte[] head(long i) {
        return Sha256.hash(ByteBuffer.allocate(8).putLong(i).array());
    }

    @Test
    void keepsHeadsFromTheLastAcknowledgedOne() {
        ChainHeads h = new ChainHeads();
        assertThat(h.count()).isZero();
        assertThat(h.last()).isEqualTo(new byte[32]);
        assertThat(h.at(0)).isEqualTo(new byte[32]);
        assertThat(h.at(1)).isNull();
        for (long i = 1; i <= 100; i++) {
            h.append(head(i));
            assertThat(h.last()).isEqualTo(head(i));
        }
        for (long i = 1; i <= 100; i++) {
            assertThat(h.at(i)).isEqualTo(head(i));
        }
        assertThat(h.at(101)).isNull();
        h.forgetBefore(40);
        assertThat(h.at(39)).isNull();
        assertThat(h.at(40)).isEqualTo(head(40));
        assertThat(h.at(0)).isEqualTo(new byte[32]);
        h.forgetBefore(30); // acknowledgements never go back; nothing to do
        assertThat(h.at(40)).isEqualTo(head(40));
        for (long i = 101; i <= 300; i++) {
            h.append(head(i));
        }
        for (long i = 40; i <= 300; i++) {
            assertThat(h.at(i)).isEqualTo(head(i));
        }
        h.forgetBefore(300);
        assertThat(h.at(299)).isNull();
        assertThat(h.at(300)).isEqualTo(head(300));
        h.append(head(301));
        assertThat(h.at(301)).isEqualTo(head(301));
        assertThat(h.count()).isEqualTo(301);
    }

    @Test
    void keepsAtMostTheNewestMaxRetainedHeads() {
        ChainHeads h = new ChainHeads();
        int n = ChainHeads.MAX_RETAINED + 1000;
        for (long i = 1; i <= n; i++) {
            h.append(head(i));
        }
        assertThat(h.at(1000)).isNull();
        assertThat(h.at(1001)).isEqualTo(head(1001));
        assertThat(h.at(n)).isEqualTo(head(n));
        assertThat(h.at(n / 2)).isEqualTo(head(n / 2));
        h.forgetBefore(n - 5);
        h.append(head(n + 1));
        assertThat(h.at(n - 6)).isNull();
        assertThat(h.at(n - 5)).isEqualTo(head(n - 5));
        assertThat(h.at(n + 1)).isEqualTo(head(n + 1));
    }

    @Test
    void anEmptyChainAcceptsAcknowledgementsOfNothingAndThenGrows() {
        ChainHeads h = new ChainHeads();
        h.forgetBefore(0);
        h.forgetBefore(5); // beyond the chain: nothing to drop
        byte[] empty = h.last();
        empty[0] = 1; // the caller's copy; the chain's empty head stays zeros
        assertThat(h.last()).isEqualTo(new byte[32]);
        assertThat(h.at(1)).isNull();
        h.append(head(1));
        h.append(head(2));
        assertThat(h.at(1)).isEqualTo(head(1));
        assertThat(h.at(2)).isEqualTo(head(2));
        assertThat(h.last()).isEqualTo(head(2));
    }
}
