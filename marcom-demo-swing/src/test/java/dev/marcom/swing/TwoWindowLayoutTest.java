package dev.marcom.swing;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Rectangle;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The GUI tests' windows fit every screen they may get (runs with or without a display). */
class TwoWindowLayoutTest {
    @ParameterizedTest
    @CsvSource({
        "640, 480, true, 640, 480", // plain Xvfb
        "800, 600, true, 800, 600",
        "1280, 1024, false, 635, 680", // xvfb-run's default on Debian
        "1366, 768, false, 678, 680",
        "2048, 1024, false, 1000, 680", // CI
    })
    void windowsStayOnTheScreen(int width, int height, boolean overlapping, int windowWidth, int windowHeight) {
        Rectangle screen = new Rectangle(0, 0, width, height);
        TwoWindowLayout layout = TwoWindowLayout.on(screen);
        assertThat(layout.overlapping()).isEqualTo(overlapping);
        for (Rectangle window : new Rectangle[] {layout.server(), layout.client()}) {
            assertThat(screen.contains(window)).as("%s on %s", window, screen).isTrue();
            assertThat(window.width).isEqualTo(windowWidth).isGreaterThanOrEqualTo(TwoWindowLayout.MINIMUM.width);
            assertThat(window.height).isEqualTo(windowHeight);
        }
        if (!overlapping) {
            assertThat(layout.server().intersects(layout.client())).isFalse();
        }
    }
}
