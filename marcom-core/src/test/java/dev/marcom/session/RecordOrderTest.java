package dev.marcom.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.marcom.MalformedInputException;
import dev.marcom.Role;
import dev.marcom.SessionClosedException;
import dev.marcom.internal.record.RecordType;
import dev.marcom.internal.wire.WireWriter;
import dev.marcom.testing.Fixtures;
import dev.marcom.testing.ForgedRecords;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Records that are each well-formed and authentic but arrive where no honest sender puts them:
 * a stream or a close inside a fragmented message, a message or a second stream inside a stream,
 * stream records outside a stream, and trailing bytes after a stream's fields. Each is refused
 * as malformed with a message naming the record, and the session is dead afterwards. A peer that
 * holds the traffic key (ForgedRecords) sends them, so only the receiver's ordering checks stand
 * between them and the application.
 */
class RecordOrderTest {
    private static final byte[] NO_CONTENT = new byte[0];

    private Session receiver;
    private ForgedRecords peer;

    private void connect(long seed) throws Exception {
        receiver = Fixtures.directPair(
                        Fixtures.client(seed).build(), Fixtures.server(seed).build(), seed)
                .server();
        peer = new ForgedRecords(Fixtures.directSendSecret(seed, Role.CLIENT));
    }

    private static byte[] streamBegin(String name, long length) {
        return new WireWriter()
                .vec16(name.getBytes(StandardCharsets.UTF_8))
                .u64(length)
                .toByteArray();
    }

    private Inbound send(RecordType type, byte[] content) throws Exception {
        return receiver.open(peer.seal(type.code(), content));
    }

    private void assertRefused(RecordType type, byte[] content, String message) {
        assertThatThrownBy(() -> send(type, content))
                .isInstanceOf(MalformedInputException.class)
                .hasMessageContaining(message);
        assertThat(receiver.isFailed()).isTrue();
        assertThatThrownBy(() -> send(RecordType.PING, NO_CONTENT)).isInstanceOf(SessionClosedException.class);
    }

    @Test
    void aStreamCannotBeginInsideAFragmentedMessage() throws Exception {
        connect(1);
        assertThat(send(RecordType.MESSAGE_PART, new byte[] {1, 2})).isInstanceOf(Inbound.Pending.class);
        assertRefused(RecordType.STREAM_BEGIN, streamBegin("f", 3), "STREAM_BEGIN");
    }

    @Test
    void anUnknownRecordTypeIsRefusedByItsNumber() throws Exception {
        connect(30);
        assertThatThrownBy(() -> receiver.open(peer.seal(0xfe, NO_CONTENT)))
                .isInstanceOf(MalformedInputException.class)
                .hasMessage("unknown record type 254");
        assertThat(receiver.isFailed()).isTrue();
    }

    @Test
    void aCloseCannotArriveInsideAFragmentedMessage() throws Exception {
        connect(2);
        send(RecordType.MESSAGE_PART, new byte[] {1});
        assertRefused(RecordType.CLOSE_NOTIFY, NO_CONTENT, "CLOSE_NOTIFY");
    }

    @ParameterizedTest
    @ValueSource(strings = {"MESSAGE_PART", "MESSAGE_FINAL", "STREAM_BEGIN", "CLOSE_NOTIFY"})
    void insideAStreamOnlyChunksEndsKeyUpdatesAndKeepAlivesMayArrive(String name) throws Exception {
        connect(3);
        assertThat(send(RecordType.STREAM_BEGIN, streamBegin("f", -1))).isInstanceOf(Inbound.StreamStart.class);
        assertThat(send(RecordType.STREAM_CHUNK, new byte[] {1})).isInstanceOf(Inbound.UnverifiedStreamChunk.class);
        assertThat(send(RecordType.KEY_UPDATE, NO_CONTENT)).isInstanceOf(Inbound.Pending.class);
        peer.update();
        assertThat(send(RecordType.PING, NO_CONTENT)).isInstanceOf(Inbound.Ping.class);
        RecordType type = RecordType.valueOf(name);
        byte[] content = switch (type) {
            case STREAM_BEGIN -> streamBegin("g", 1);
            case MESSAGE_PART -> new byte[] {1};
            default -> NO_CONTENT;
        };
        assertRefused(type, content, name + " in the middle of a stream");
    }

    @ParameterizedTest
    @ValueSource(strings = {"STREAM_CHUNK", "STREAM_END"})
    void streamRecordsOutsideAStreamAreRefused(String name) throws Exception {
        connect(4);
        assertRefused(RecordType.valueOf(name), new byte[] {0, 0, 0, 0, 0, 0, 0, 0, 0, 0}, name + " outside a stream");
    }

    @Test
    void aStreamBeginWithBytesAfterItsFieldsIsRefused() throws Exception {
        connect(5);
        byte[] begin = streamBegin("f", 3);
        byte[] longer = java.util.Arrays.copyOf(begin, begin.length + 1);
        assertRefused(RecordType.STREAM_BEGIN, longer, "STREAM_BEGIN");
    }

    @Test
    void aStreamEndWithBytesAfterTheSignatureIsRefused() throws Exception {
        connect(6);
        send(RecordType.STREAM_BEGIN, streamBegin("f", -1));
        byte[] end = new WireWriter().u64(0).vec16(new byte[8]).u8(0).toByteArray();
        assertRefused(RecordType.STREAM_END, end, "STREAM_END");
    }

    @Test
    void aStreamLongerThanAnnouncedIsRefusedAtTheFirstByteTooMany() throws Exception {
        connect(7);
        send(RecordType.STREAM_BEGIN, streamBegin("f", 3));
        assertThat(send(RecordType.STREAM_CHUNK, new byte[] {1, 2, 3}))
                .isInstanceOf(Inbound.UnverifiedStreamChunk.class);
        assertRefused(RecordType.STREAM_CHUNK, new byte[] {4}, "longer than announced");
    }

    @Test
    void aStreamShorterThanAnnouncedIsRefusedAtItsEnd() throws Exception {
        connect(8);
        send(RecordType.STREAM_BEGIN, streamBegin("f", 3));
        send(RecordType.STREAM_CHUNK, new byte[] {1, 2});
        byte[] end = new WireWriter().u64(0).vec16(new byte[8]).toByteArray();
        assertRefused(RecordType.STREAM_END, end, "shorter than announced");
    }

    @Test
    void aNegativeAnnouncedLengthOtherThanUnknownIsRefused() throws Exception {
        connect(9);
        assertRefused(RecordType.STREAM_BEGIN, streamBegin("f", -2), "negative stream length");
    }

    @Test
    void aMessageAtExactlyTheLimitIsPendingAndOneByteMoreIsRefused() throws Exception {
        long seed = 10;
        receiver = Fixtures.directPair(
                        Fixtures.client(seed).build(),
                        Fixtures.server(seed).maxMessageBytes(5).build(),
                        seed)
                .server();
        peer = new ForgedRecords(Fixtures.directSendSecret(seed, Role.CLIENT));
        for (byte[] part : List.of(new byte[2], new byte[3])) {
            assertThat(send(RecordType.MESSAGE_PART, part)).isInstanceOf(Inbound.Pending.class);
        }
        assertRefused(RecordType.MESSAGE_PART, new byte[1], "5");
    }

    @Test
    void nothingCanBeSentAfterClose() throws Exception {
        connect(11);
        Session sender = Fixtures.directPair(
                        Fixtures.client(11).build(), Fixtures.server(11).build(), 11)
                .client();
        sender.close();
        assertThatThrownBy(sender::ping).isInstanceOf(SessionClosedException.class);
        assertThatThrownBy(sender::pong).isInstanceOf(SessionClosedException.class);
        assertThatThrownBy(() -> sender.beginStream("f", 1)).isInstanceOf(SessionClosedException.class);
        assertThatThrownBy(() -> sender.seal("x")).isInstanceOf(SessionClosedException.class);
    }

    @Test
    void aStreamCannotContinueOrEndAfterTheSessionClosed() throws Exception {
        Session sender = Fixtures.directPair(
                        Fixtures.client(12).build(), Fixtures.server(12).build(), 12)
                .client();
        sender.beginStream("f", -1);
        sender.sealStreamChunk(new byte[] {1}, 0, 1);
        sender.discard();
        assertThatThrownBy(() -> sender.sealStreamChunk(new byte[] {1}, 0, 1))
                .isInstanceOf(SessionClosedException.class);
        assertThatThrownBy(sender::endStream).isInstanceOf(SessionClosedException.class);
    }

    @Test
    void keepAliveRecordsAreSealedAndOpenedAsSuch() throws Exception {
        var pair = Fixtures.directPair(
                Fixtures.client(13).build(), Fixtures.server(13).build(), 13);
        assertThat(pair.server().open(pair.client().ping())).isInstanceOf(Inbound.Ping.class);
        assertThat(pair.client().open(pair.server().pong())).isInstanceOf(Inbound.Pending.class);
    }
}
