package dev.marcom;

import static org.assertj.core.api.Assertions.assertThat;

import dev.marcom.session.VerifiedMessage;
import dev.marcom.session.VerifiedStream;
import java.lang.reflect.Constructor;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Holding a "verified" value proves the library's checks passed: application code can neither
 * construct one nor subclass it (STYLE.md: {@code VerifiedMessage}'s package-private constructor).
 */
class VerifiedTypesTest {
    @ParameterizedTest
    @ValueSource(classes = {VerifiedMessage.class, VerifiedStream.class})
    void onlyTheLibraryCanCreateOne(Class<?> type) {
        assertThat(Modifier.isFinal(type.getModifiers()))
                .as("%s is final", type)
                .isTrue();
        // A record's canonical constructor is as visible as the record: it must not be one.
        assertThat(type.isRecord()).as("%s is a record", type).isFalse();
        assertThat(Arrays.stream(type.getDeclaredConstructors())
                        .filter(c -> (c.getModifiers() & (Modifier.PUBLIC | Modifier.PROTECTED)) != 0)
                        .map(Constructor::toGenericString))
                .as("public or protected constructors of %s", type)
                .isEmpty();
        assertThat(Arrays.stream(type.getDeclaredMethods())
                        .filter(m -> Modifier.isStatic(m.getModifiers())
                                && Modifier.isPublic(m.getModifiers())
                                && m.getReturnType() == type)
                        .map(m -> m.toGenericString()))
                .as("public factories of %s", type)
                .isEmpty();
    }
}
