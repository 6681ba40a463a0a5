package dev.marcom.internal.wire;

import static org.assertj.core.api.Assertions.assertThat;

import dev.marcom.internal.record.RecordType;
import java.util.Arrays;
import java.util.function.IntFunction;
import java.util.function.ToIntFunction;
import org.junit.jupiter.api.Test;

/**
 * The lookup tables behind {@link FrameType#of} and {@link RecordType#of} give, for every int a
 * wire byte (or a bad caller) can produce, exactly the type a search of {@code values()} gives:
 * the type with that code, or null.
 */
class TypeCodesTest {

    @Test
    void frameTypesByCode() {
        assertLookupIsTheSearch(FrameType::of, FrameType.values(), FrameType::code);
    }

    @Test
    void recordTypesByCode() {
        assertLookupIsTheSearch(RecordType::of, RecordType.values(), RecordType::code);
    }

    private static <E> void assertLookupIsTheSearch(IntFunction<E> of, E[] values, ToIntFunction<E> code) {
        for (int c = -300; c <= 300; c++) {
            int wanted = c;
            E expected = Arrays.stream(values)
                    .filter(t -> code.applyAsInt(t) == wanted)
                    .findFirst()
                    .orElse(null);
            assertThat(of.apply(c)).as("code %d", c).isEqualTo(expected);
        }
        assertThat(of.apply(Integer.MIN_VALUE)).isNull();
        assertThat(of.apply(Integer.MAX_VALUE)).isNull();
        assertThat(Arrays.stream(values).map(t -> of.apply(code.applyAsInt(t)))).containsExactly(values);
    }
}
