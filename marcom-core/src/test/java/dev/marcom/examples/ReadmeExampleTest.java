package dev.marcom.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.marcom.identity.Identity;
import java.io.File;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Compiles the README's library example exactly as the README shows it, runs it in its own JVM as
 * a reader would, and checks that it prints what the README says it prints.
 *
 * <p>The example is the first {@code ```java} block of the section "Use it in your project"; the
 * expected output is the {@code ```text} block introduced by a line "Prints:" right after it.
 */
class ReadmeExampleTest {
    private static final Path README = Path.of("../README.md");
    private static final String SECTION = "## Use it in your project";
    private static final Pattern PUBLIC_CLASS = Pattern.compile("^public (?:final )?class (\\w+)", Pattern.MULTILINE);
    private static final long RUN_TIMEOUT_SECONDS = 120;

    @TempDir
    Path work;

    @Test
    void readmeExampleCompilesRunsAndPrintsWhatTheReadmeSays() throws Exception {
        Example example = Example.from(Files.readString(README, StandardCharsets.UTF_8));

        Path classes = compile(example);
        String printed = run(example.className(), classes);

        assertThat(printed)
                .as("what the README example prints (README.md, block after \"Prints:\")")
                .isEqualTo(example.expectedOutput());
    }

    @Test
    void extractionTakesTheBlocksVerbatim() {
        String readme = "# x\n\n" + SECTION + "\n\ntext\n\n```java\n  a\tb \n\n}\n```\n\n"
                + "Prints:\n\n```text\none\n two\n```\n\n## Next\n\n```java\nother\n```\n";
        Example example = Example.from(readme);
        assertThat(example.source()).isEqualTo("  a\tb \n\n}\n");
        assertThat(example.expectedOutput()).isEqualTo("one\n two\n");
    }

    private Path compile(Example example) throws Exception {
        Path sources = Files.createDirectories(work.resolve("src"));
        Path classes = Files.createDirectories(work.resolve("classes"));
        Path file = sources.resolve(example.className() + ".java");
        Files.writeString(file, example.source(), StandardCharsets.UTF_8);

        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        assertThat(javac)
                .as("a JDK's compiler (tests must run on a JDK, not a JRE)")
                .isNotNull();
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        try (StandardJavaFileManager files =
                javac.getStandardFileManager(diagnostics, Locale.ROOT, StandardCharsets.UTF_8)) {
            List<String> options = List.of(
                    "--release",
                    "17",
                    "-Xlint:all",
                    "-encoding",
                    "UTF-8",
                    "-classpath",
                    libraryClassPath(),
                    "-d",
                    classes.toString());
            boolean ok = javac.getTask(null, files, diagnostics, options, null, files.getJavaFileObjects(file))
                    .call();
            List<String> problems = diagnostics.getDiagnostics().stream()
                    .filter(d -> d.getKind() != Diagnostic.Kind.NOTE)
                    .map(d -> "line " + d.getLineNumber() + ": " + d.getKind() + ": " + d.getMessage(Locale.ROOT))
                    .collect(Collectors.toList());
            assertThat(problems)
                    .as("javac errors and warnings for README.md's example")
                    .isEmpty();
            assertThat(ok).as("README.md's example compiles").isTrue();
        }
        return classes;
    }

    private String run(String className, Path classes) throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Path out = work.resolve("stdout.txt");
        Path err = work.resolve("stderr.txt");
        Process process = new ProcessBuilder(
                        java.toString(), "-cp", classes + File.pathSeparator + libraryClassPath(), className)
                .redirectInput(ProcessBuilder.Redirect.from(new File(isWindows() ? "NUL" : "/dev/null")))
                .redirectOutput(out.toFile())
                .redirectError(err.toFile())
                .start();
        if (!process.waitFor(RUN_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
            fail("README.md's example did not exit within " + RUN_TIMEOUT_SECONDS + " s; stdout:\n"
                    + Files.readString(out) + "\nstderr:\n" + Files.readString(err));
        }
        String stdout = Files.readString(out, StandardCharsets.UTF_8);
        String stderr = Files.readString(err, StandardCharsets.UTF_8);
        assertThat(process.exitValue())
                .as("exit status of README.md's example; stdout:%n%s%nstderr:%n%s", stdout, stderr)
                .isZero();
        return stdout.replace("\r\n", "\n");
    }

    /** marcom-core's classes and BouncyCastle, as a user's project has them. */
    private static String libraryClassPath() throws URISyntaxException {
        return location(Identity.class) + File.pathSeparator + location(BouncyCastleProvider.class);
    }

    private static String location(Class<?> type) throws URISyntaxException {
        return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI())
                .toString();
    }

    private static boolean isWindows() {
        return System.getProperty("os.name").toLowerCase(Locale.ROOT).startsWith("windows");
    }

    /** The README's example program and its expected output, both exactly as written there. */
    private record Example(String source, String className, String expectedOutput) {
        static Example from(String readme) {
            String text = readme.replace("\r\n", "\n");
            int section = text.indexOf("\n" + SECTION + "\n");
            assertThat(section).as("README.md has a section \"%s\"", SECTION).isNotNegative();
            int next = text.indexOf("\n## ", section + 1);
            String body = next < 0 ? text.substring(section) : text.substring(section, next);

            Block code = Block.find(body, 0, "java");
            String afterCode = body.substring(code.end()).stripLeading();
            assertThat(afterCode)
                    .as("the example is followed by a line \"Prints:\"")
                    .startsWith("Prints:\n");
            int printsAt = body.indexOf("Prints:\n", code.end());
            Block output = Block.find(body, printsAt, "text");
            assertThat(body.substring(printsAt + "Prints:\n".length(), output.start())
                            .strip())
                    .as("nothing between \"Prints:\" and its block")
                    .isEmpty();

            Matcher m = PUBLIC_CLASS.matcher(code.content());
            String className = m.find() ? m.group(1) : "";
            return new Example(code.content(), className, output.content());
        }
    }

    /** A fenced block: {@code content} is everything between the fence lines, newlines included. */
    private record Block(int start, int end, String content) {
        static Block find(String text, int from, String language) {
            String open = "```" + language + "\n";
            int start = text.indexOf(open, from);
            assertThat(start).as("a ```%s block", language).isNotNegative();
            int contentStart = start + open.length();
            int close = text.indexOf("\n```", contentStart - 1);
            assertThat(close).as("the ```%s block is closed", language).isNotNegative();
            int end = close + "\n```".length();
            return new Block(start, end, text.substring(contentStart, close + 1));
        }
    }
}
