package dev.marcom.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The package layers of {@code marcom-core}, checked on its compiled classes with ArchUnit. The
 * allowed dependencies are the ones drawn in docs/ARCHITECTURE.md's Mermaid diagram: a package may
 * use what it can reach along the arrows. A new dependency that the diagram does not allow fails
 * here, and so does an arrow that no class uses any more, which keeps the diagram true both ways.
 */
class LayersTest {
    private static final String ROOT = "dev.marcom";
    private static final Path DIAGRAM = Path.of("..", "docs", "ARCHITECTURE.md");
    private static final Pattern NODE = Pattern.compile("(\\w+)\\[\"([\\w.]+)\"]");
    private static final Pattern EDGE = Pattern.compile("^\\s*(\\w+)\\s*-->\\s*(\\w+)\\s*$");

    private static JavaClasses classes;

    @BeforeAll
    static void importCore() {
        classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages(ROOT);
    }

    @Test
    void packagesHaveNoCycles() {
        slices().matching("dev.marcom.(**)").should().beFreeOfCycles().check(classes);
    }

    @Test
    void internalPackagesUseNoApiPackageButTheValuesAtTheBottom() {
        noClasses()
                .that()
                .resideInAPackage("dev.marcom.internal..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "dev.marcom.identity..",
                        "dev.marcom.session..",
                        "dev.marcom.handshake..",
                        "dev.marcom.transcript..",
                        "dev.marcom.transport..",
                        "dev.marcom.server..")
                .check(classes);
        // The one internal package that may see the trace package is the one that emits its events.
        noClasses()
                .that()
                .resideInAPackage("dev.marcom.internal..")
                .and()
                .resideOutsideOfPackage("dev.marcom.internal.trace..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("dev.marcom.trace..")
                .check(classes);
    }

    @Test
    void everyDependencyBetweenPackagesIsAllowedByTheDiagram() throws IOException {
        Map<String, Set<String>> drawn = diagram();
        Set<String> forbidden = new TreeSet<>();
        dependencies().forEach((from, targets) -> {
            for (String to : targets) {
                if (!reachable(drawn, from).contains(to)) {
                    forbidden.add(from + " --> " + to);
                }
            }
        });
        assertThat(forbidden)
                .as("dependencies the ARCHITECTURE.md diagram does not allow")
                .isEmpty();
    }

    @Test
    void everyArrowOfTheDiagramIsUsedAndEveryPackageIsDrawn() throws IOException {
        Map<String, Set<String>> drawn = diagram();
        Map<String, Set<String>> actual = dependencies();
        Set<String> unused = new TreeSet<>();
        drawn.forEach((from, targets) -> {
            for (String to : targets) {
                if (!actual.getOrDefault(from, Set.of()).contains(to)) {
                    unused.add(from + " --> " + to);
                }
            }
        });
        assertThat(unused).as("arrows of the diagram that no class uses").isEmpty();
        Set<String> packages = new TreeSet<>();
        classes.forEach(c -> packages.add(c.getPackageName()));
        Set<String> nodes = new HashSet<>(drawn.keySet());
        drawn.values().forEach(nodes::addAll);
        assertThat(nodes).as("packages in the diagram").containsAll(packages);
    }

    /** Package → packages of marcom-core its classes use directly (itself excluded). */
    private static Map<String, Set<String>> dependencies() {
        Map<String, Set<String>> uses = new HashMap<>();
        for (JavaClass c : classes) {
            for (Dependency d : c.getDirectDependenciesFromSelf()) {
                String to = d.getTargetClass().getBaseComponentType().getPackageName();
                if (inCore(to) && !to.equals(c.getPackageName())) {
                    uses.computeIfAbsent(c.getPackageName(), k -> new TreeSet<>())
                            .add(to);
                }
            }
        }
        return uses;
    }

    private static boolean inCore(String pkg) {
        return pkg.equals(ROOT) || pkg.startsWith(ROOT + ".");
    }

    private static Set<String> reachable(Map<String, Set<String>> graph, String from) {
        Set<String> seen = new HashSet<>();
        Deque<String> todo = new ArrayDeque<>(graph.getOrDefault(from, Set.of()));
        while (!todo.isEmpty()) {
            String next = todo.pop();
            if (seen.add(next)) {
                todo.addAll(graph.getOrDefault(next, Set.of()));
            }
        }
        return seen;
    }

    /** The arrows of the first Mermaid block of ARCHITECTURE.md, by full package name. */
    private static Map<String, Set<String>> diagram() throws IOException {
        String doc = Files.readString(DIAGRAM, StandardCharsets.UTF_8);
        int start = doc.indexOf("```mermaid");
        assertThat(start).as("a mermaid block in " + DIAGRAM).isNotNegative();
        String block = doc.substring(start, doc.indexOf("```", start + 3));
        Map<String, String> names = new HashMap<>();
        Matcher node = NODE.matcher(block);
        while (node.find()) {
            String label = node.group(2);
            names.put(node.group(1), label.equals(ROOT) ? ROOT : ROOT + "." + label);
        }
        Map<String, Set<String>> graph = new HashMap<>();
        for (String line : block.split("\n")) {
            Matcher edge = EDGE.matcher(line);
            if (edge.matches()) {
                String from = names.get(edge.group(1));
                String to = names.get(edge.group(2));
                assertThat(from).as("node " + edge.group(1) + " is declared").isNotNull();
                assertThat(to).as("node " + edge.group(2) + " is declared").isNotNull();
                graph.computeIfAbsent(from, k -> new TreeSet<>()).add(to);
            }
        }
        assertThat(graph).as("arrows in the diagram").isNotEmpty();
        return graph;
    }
}
