package dev.marcom.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import dev.marcom.session.Session;
import java.io.IOException;
import java.io.InputStream;
import java.lang.module.ModuleDescriptor;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * Sessions come from handshakes only: {@link Session} has no public or protected constructor, and
 * the module opens no package, so only code inside {@code dev.marcom.core} may take the private
 * lookup the handshake uses to build one.
 */
class SessionConstructionTest {

    @Test
    void sessionHasNoConstructorOutsideCodeCouldCall() {
        assertThat(Session.class.getConstructors()).isEmpty();
        assertThat(Arrays.stream(Session.class.getDeclaredConstructors())
                        .filter(c -> !Modifier.isPrivate(c.getModifiers())))
                .isEmpty();
    }

    @Test
    void theModuleOpensNothingForDeepReflection() throws IOException {
        try (InputStream in = Files.newInputStream(Path.of("target", "classes", "module-info.class"))) {
            ModuleDescriptor module = ModuleDescriptor.read(in);
            assertThat(module.name()).isEqualTo("dev.marcom.core");
            assertThat(module.isOpen()).isFalse();
            assertThat(module.opens()).isEmpty();
            assertThat(module.exports()).noneMatch(e -> e.source().contains(".internal"));
        }
    }
}
