package dev.marcom.swing;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The identity home field understands "~" as a shell does (runs with or without a display). */
class HomePathTest {
    private static final Path USER = Path.of("/home/alice");

    @Test
    void tildeIsTheUsersHome() {
        assertThat(MainWindow.homePath("~", USER)).isEqualTo(USER);
        assertThat(MainWindow.homePath("~/.marcom-work", USER)).isEqualTo(USER.resolve(".marcom-work"));
    }

    @Test
    void otherPathsAreTakenAsTyped() {
        assertThat(MainWindow.homePath("/srv/marcom", USER)).isEqualTo(Path.of("/srv/marcom"));
        assertThat(MainWindow.homePath("relative/dir", USER)).isEqualTo(Path.of("relative/dir"));
        assertThat(MainWindow.homePath("~bob/.marcom", USER)).isEqualTo(Path.of("~bob/.marcom"));
    }
}
