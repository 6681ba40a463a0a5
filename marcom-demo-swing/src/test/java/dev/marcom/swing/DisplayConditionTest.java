package dev.marcom.swing;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.AWTError;
import java.awt.HeadlessException;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The one line that says why GUI tests were skipped (runs with or without a display). */
class DisplayConditionTest {
    @Test
    void noDisplayVariable() {
        assertThat(DisplayCondition.reason(
                        Optional.empty(),
                        new AWTError("Can't connect to X11 "
                                + "window server using ':0.0' as the value of the DISPLAY variable.")))
                .isEqualTo("DISPLAY unset / cannot connect to X server :0.0");
    }

    @Test
    void unreachableServer() {
        assertThat(DisplayCondition.reason(
                        Optional.of(":77"),
                        new AWTError("Can't connect to X11 "
                                + "window server using ':77' as the value of the DISPLAY variable.")))
                .isEqualTo("cannot connect to X server :77");
    }

    @Test
    void runtimeWithoutWindowToolkit() {
        assertThat(DisplayCondition.reason(
                        Optional.of(":99"),
                        new UnsatisfiedLinkError("Can't load library: /usr/lib/jvm/x/lib/libawt_xawt.so")))
                .startsWith("this Java runtime has no AWT window toolkit (Can't load library:")
                .contains("openjdk-17-jre");
    }

    @Test
    void aSecondAttemptWithoutDisplayStillSaysDisplayUnset() {
        assertThat(DisplayCondition.reason(
                        Optional.empty(),
                        new NoClassDefFoundError("Could not initialize class java.awt.GraphicsEnvironment$LocalGE")))
                .isEqualTo("DISPLAY unset");
    }

    @Test
    void otherFailuresKeepTheirFirstLine() {
        assertThat(DisplayCondition.reason(Optional.empty(), new HeadlessException("first line\nsecond line")))
                .isEqualTo("DISPLAY unset / HeadlessException: first line");
    }
}
