package dev.marcom.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Runs the README's example and checks the README shows exactly that code. */
class ReadmeExampleTest {
  @Test
  void exampleRuns() throws Exception {
    assertThat(QuickStart.run()).isEqualTo("hi Bob, it's Alice");
  }

  @Test
  void readmeShowsTheExample() throws Exception {
    String source = Files.readString(
        Path.of("src/test/java/dev/marcom/examples/QuickStart.java"));
    String snippet = source.substring(source.indexOf("// README-BEGIN\n") + 16,
        source.indexOf("      // README-END"));
    String dedented = snippet.lines().map(l -> l.length() >= 4 ? l.substring(4) : l.strip())
        .collect(Collectors.joining("\n"));
    String readme = Files.readString(Path.of("../README.md"));
    assertThat(readme).contains(dedented);
  }
}
