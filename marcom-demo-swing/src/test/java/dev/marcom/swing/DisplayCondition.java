package dev.marcom.swing;

import java.awt.AWTError;
import java.awt.GraphicsEnvironment;
import java.awt.HeadlessException;
import java.awt.Rectangle;
import java.util.Optional;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Enables GUI tests only where a window can really be opened, decided by opening the display once
 * per test run; prints one line saying where they run, or why they were skipped.
 *
 * <p>This module's build sets {@code java.awt.headless=false} for its tests so that a
 * {@code -Djava.awt.headless=true} inherited from the environment (JAVA_TOOL_OPTIONS, some CI
 * images) cannot turn the GUI tests off on a machine that has a display. With that setting
 * {@link GraphicsEnvironment#isHeadless()} is always false and says nothing about whether a
 * display exists, so this condition asks the window system itself: no DISPLAY, an X server that
 * cannot be reached, or a Java runtime without AWT's window toolkit (Debian's
 * {@code openjdk-17-jre-headless} has no {@code libawt_xawt.so}) all skip.
 */
final class DisplayCondition implements ExecutionCondition {
    private static final ExtensionContext.Namespace NAMESPACE =
            ExtensionContext.Namespace.create(DisplayCondition.class);

    /** What the probe found: a usable display, or the reason there is none. */
    record Display(boolean usable, String description) {}

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        if (context.getTestMethod().isEmpty()) {
            // Decided per test, so that each GUI test is reported as skipped, not the class as one.
            return ConditionEvaluationResult.enabled("display checked per test");
        }
        Display display = context.getRoot()
                .getStore(NAMESPACE)
                .getOrComputeIfAbsent(Display.class, k -> announce(probe()), Display.class);
        return display.usable()
                ? ConditionEvaluationResult.enabled(display.description())
                : ConditionEvaluationResult.disabled(display.description());
    }

    private static Display announce(Display display) {
        System.out.println(
                display.usable()
                        ? "GUI tests run on " + display.description()
                        : "GUI tests skipped: no display (" + display.description()
                                + "); xvfb-run -a ./mvnw -B verify runs them on a machine without a screen");
        return display;
    }

    /** Opens the default display and reads its screen. */
    static Display probe() {
        String variable = System.getenv("DISPLAY");
        if (GraphicsEnvironment.isHeadless()) {
            return new Display(
                    false, variable == null ? "DISPLAY unset, java.awt.headless=true" : "java.awt.headless=true");
        }
        try {
            GraphicsEnvironment environment = GraphicsEnvironment.getLocalGraphicsEnvironment();
            int screens = environment.getScreenDevices().length; // connects to the window system
            Rectangle usable = environment.getMaximumWindowBounds();
            return new Display(
                    true,
                    "display " + (variable == null ? "(default)" : variable) + ", "
                            + (screens == 1 ? "" : screens + " screens, ") + "screen " + usable.width + "x"
                            + usable.height);
        } catch (AWTError | HeadlessException | LinkageError e) {
            return new Display(false, reason(Optional.ofNullable(variable), e));
        }
    }

    /** Why opening the display failed, in a few words. */
    static String reason(Optional<String> variable, Throwable failure) {
        String message =
                failure.getMessage() == null ? "" : failure.getMessage().strip();
        String unset = variable.isEmpty() ? "DISPLAY unset / " : "";
        if (failure instanceof UnsatisfiedLinkError) {
            return "this Java runtime has no AWT window toolkit (" + message
                    + "); install a full JRE, e.g. openjdk-17-jre, not only -headless";
        }
        if (failure instanceof LinkageError) {
            // "Could not initialize class ...": AWT already failed to start earlier in this JVM; its
            // first error said why. Without DISPLAY, that is the reason (no X server to reach).
            return variable.isEmpty() ? "DISPLAY unset" : "the window system could not be started (" + message + ")";
        }
        int quote = message.indexOf("using '");
        if (failure instanceof AWTError && quote >= 0) {
            int end = message.indexOf('\'', quote + 7);
            String server = message.substring(quote + 7, end < 0 ? message.length() : end);
            return unset + "cannot connect to X server " + server;
        }
        return unset
                + failure.getClass().getSimpleName()
                + (message.isEmpty() ? "" : ": " + message.lines().findFirst().orElse(""));
    }
}
