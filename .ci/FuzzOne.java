import static org.junit.platform.engine.discovery.DiscoverySelectors.selectMethod;

import java.io.PrintWriter;
import java.lang.reflect.Method;
import java.util.Arrays;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

/**
 * Runs one JUnit test method (for .ci/fuzz.sh: one Jazzer @FuzzTest) without Maven, which saves
 * Maven's start-up for every fuzz target. Usage: {@code FuzzOne com.example.SomeFuzzTest#method}.
 * Exits 0 if the test passed, 1 if it failed (a fuzzer finding), 2 on a usage error.
 */
public final class FuzzOne {
  public static void main(String[] args) throws Exception {
    if (args.length != 1 || !args[0].contains("#")) {
      System.err.println("usage: FuzzOne fully.qualified.Class#method");
      System.exit(2);
    }
    String className = args[0].substring(0, args[0].indexOf('#'));
    String methodName = args[0].substring(args[0].indexOf('#') + 1);
    Class<?> testClass = Class.forName(className);
    Method method = Arrays.stream(testClass.getDeclaredMethods())
        .filter(m -> m.getName().equals(methodName)).findFirst().orElse(null);
    if (method == null) {
      System.err.println("no method " + methodName + " in " + className);
      System.exit(2);
    }
    LauncherDiscoveryRequest request = LauncherDiscoveryRequestBuilder.request()
        .selectors(selectMethod(testClass, method)).build();
    SummaryGeneratingListener listener = new SummaryGeneratingListener();
    LauncherFactory.create().execute(request, listener);
    TestExecutionSummary summary = listener.getSummary();
    PrintWriter out = new PrintWriter(System.out, true);
    summary.printFailuresTo(out, 25);
    out.printf("FuzzOne: %s: %d tests, %d failed%n", args[0], summary.getTestsFoundCount(),
        summary.getTotalFailureCount());
    System.exit(summary.getTestsFoundCount() > 0 && summary.getTotalFailureCount() == 0 ? 0 : 1);
  }
}
