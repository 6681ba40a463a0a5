package dev.marcom.internal.wire;

import static org.assertj.core.api.Assertions.assertThat;

import dev.marcom.internal.record.RecordType;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * The lookup tables behind {@link FrameType#of} and {@link RecordType#of} give, for every int a
 * wire byte (or a bad caller) can produce, exactly the type a search of {@code values()} gives:
 * the type with that code, or null.
 */
class TypeCodesTest {

    @Test
    void frameTypesByCode() {
        for (int code = -300; code <= 300; code++) {
            int c = code;
            FrameType expected = Arrays.stream(FrameType.values())
                    .filter(t -> t.code() == c)
                    .findFirst()
                    .orElse(null);
            assertThat(FrameType.of(code)).as("code %d", code).isEqualTo(expected);
        }
        assertThat(FrameType.of(Integer.MIN_VALUE)).isNull();
        assertThat(FrameType.of(Integer.MAX_VALUE)).isNull();
        assertThat(Arrays.stream(FrameType.values()).map(t -> FrameType.of(t.code())))
                .containsExactly(FrameType.values());
    }

    @Test
    void recordTypesByCode() {
        for (int code = -300; code <= 300; code++) {
            int c = code;
            RecordType expected = Arrays.stream(RecordType.values())
                    .filter(t -> t.code() == c)
                    .findFirst()
                    .orElse(null);
            assertThat(RecordType.of(code)).as("code %d", code).isEqualTo(expected);
        }
        assertThat(RecordType.of(Integer.MIN_VALUE)).isNull();
        assertThat(RecordType.of(Integer.MAX_VALUE)).isNull();
        assertThat(Arrays.stream(RecordType.values()).map(t -> RecordType.of(t.code())))
                .containsExactly(RecordType.values());
    }
}
