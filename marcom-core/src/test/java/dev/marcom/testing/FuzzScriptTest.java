package dev.marcom.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.lang.reflect.Method;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code .ci/fuzz.sh} fuzzes every {@code @FuzzTest} of this module: what its {@code --list}
 * discovers from the sources is exactly the set of compiled {@code @FuzzTest} methods, and
 * finding none is an error, not a silent pass.
 */
class FuzzScriptTest {
    private static final Path SCRIPT = Path.of("..", ".ci", "fuzz.sh");

    @TempDir
    Path dir;

    @Test
    void listsEveryCompiledFuzzTest() throws Exception {
        assumeScriptRuns();
        // MVN=false: listing must not build (nor, before --list existed, start fuzzing).
        Run run = run(SCRIPT, "--list");
        assertThat(run.exitCode()).as(run.toString()).isZero();
        List<String> listed = run.stdout().lines().toList();
        assertThat(listed)
                .as(run.toString())
                .containsExactlyElementsOf(compiledFuzzTests())
                // the parsers of untrusted files among them
                .contains(
                        "dev.marcom.internal.json.FlatJsonFuzzTest#parse",
                        "dev.marcom.transcript.TranscriptVerifierFuzzTest#arbitraryInput");
    }

    @Test
    void findingNoFuzzTestIsAnError() throws Exception {
        assumeScriptRuns();
        // A copy of the script in a tree whose test sources hold no @FuzzTest.
        Path script = dir.resolve(".ci").resolve("fuzz.sh");
        Files.createDirectories(script.getParent());
        Files.copy(SCRIPT, script);
        Path sources = dir.resolve("marcom-core/src/test/java/dev/marcom");
        Files.createDirectories(sources);
        Files.writeString(
                sources.resolve("PlainTest.java"),
                "package dev.marcom;\nclass PlainTest {\n  @org.junit.jupiter.api.Test\n  void t() {}\n}\n");
        for (String arg : new String[] {"--list", null}) {
            Run run = arg == null ? run(script) : run(script, arg);
            assertThat(run.exitCode()).as(run.toString()).isEqualTo(2);
            assertThat(run.stdout()).as(run.toString()).isEmpty();
            assertThat(run.stderr()).contains("found no @FuzzTest method");
        }
    }

    /** Every method annotated {@code @FuzzTest} in this module's compiled tests, sorted. */
    private static List<String> compiledFuzzTests() throws IOException, URISyntaxException {
        Path classes = Path.of(FuzzScriptTest.class
                .getProtectionDomain()
                .getCodeSource()
                .getLocation()
                .toURI());
        TreeSet<String> found = new TreeSet<>();
        try (Stream<Path> files = Files.walk(classes)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".class")).toList()) {
                String rel = classes.relativize(f).toString();
                String name = rel.substring(0, rel.length() - ".class".length())
                        .replace(f.getFileSystem().getSeparator(), ".");
                Class<?> c;
                try {
                    c = Class.forName(name, false, FuzzScriptTest.class.getClassLoader());
                } catch (ClassNotFoundException | LinkageError e) {
                    throw new AssertionError("cannot load " + name, e);
                }
                for (Method m : c.getDeclaredMethods()) {
                    if (m.isAnnotationPresent(FuzzTest.class)) {
                        found.add(c.getName() + "#" + m.getName());
                    }
                }
            }
        }
        assertThat(found).as("compiled @FuzzTest methods").hasSizeGreaterThanOrEqualTo(15);
        return new ArrayList<>(found);
    }

    private static void assumeScriptRuns() {
        assumeTrue(Files.isRegularFile(SCRIPT), "no " + SCRIPT + " (not run from the module)");
        assumeTrue(Files.isExecutable(Path.of("/bin/bash")), "no bash");
    }

    private record Run(int exitCode, String stdout, String stderr) {
        @Override
        public String toString() {
            return "exit " + exitCode + "\n--- stdout ---\n" + stdout + "\n--- stderr ---\n" + stderr;
        }
    }

    private Run run(Path script, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("/bin/bash", script.toString()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command);
        // Never build or fuzz from a unit test: a script that tried would fail at once.
        pb.environment().put("MVN", "false");
        pb.environment().put("FUZZ_TOTAL_SECONDS", "0");
        pb.environment().remove("FUZZ_TARGETS");
        Path out = dir.resolve("out-" + System.nanoTime());
        Path err = dir.resolve("err-" + System.nanoTime());
        pb.redirectOutput(out.toFile()).redirectError(err.toFile());
        Process p = pb.start();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError(script + " did not finish within 60 s");
        }
        return new Run(
                p.exitValue(),
                Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }
}
