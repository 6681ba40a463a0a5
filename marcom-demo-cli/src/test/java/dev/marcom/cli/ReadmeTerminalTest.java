package dev.marcom.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The README's two-terminal chat, run as written: {@code ~} is the children's home and port 30000
 * a free port, nothing else changes. Two identity homes, so the two ends are two identities.
 */
class ReadmeTerminalTest extends EndToEndTest {

    /** The commands of the sh block after "**Terminal**", comments removed, split into words. */
    static List<List<String>> readmeCommands() throws IOException {
        String readme = Files.readString(Path.of("../README.md"));
        int terminal = readme.indexOf("**Terminal**");
        int start = readme.indexOf("```sh\n", terminal) + 6;
        int end = readme.indexOf("```", start);
        List<List<String>> commands = new ArrayList<>();
        for (String line : readme.substring(start, end).split("\n")) {
            String command = line.replaceFirst("\\s+#.*$", "").strip();
            if (!command.isEmpty()) {
                commands.add(Arrays.asList(command.split("\\s+")));
            }
        }
        return commands;
    }

    @Test
    void theReadmeChatUsesTwoIdentitiesAndWorksAsWritten() throws Exception {
        List<List<String>> commands = readmeCommands();
        assertThat(commands).hasSize(3);
        assertThat(commands).allSatisfy(c -> assertThat(c.get(0)).isEqualTo("./marcom"));
        List<String> listen = commands.get(0);
        List<String> connect = commands.get(1);
        List<String> verify = commands.get(2);
        assertThat(listen.get(1)).isEqualTo("listen");
        assertThat(connect.get(1)).isEqualTo("connect");
        assertThat(verify.get(1)).isEqualTo("verify");
        assertThat(homeOf(listen)).isNotNull().isNotEqualTo(homeOf(connect));

        int port = freePort();
        Path work = Files.createDirectories(dir.resolve("work"));
        CliProcess alice = cli.startIn(work, Map.of(), asTyped(listen, port));
        alice.awaitStderrLine("listening on 127.0.0.1:" + port);
        CliProcess bob = cli.startIn(work, Map.of(), asTyped(connect, port));
        bob.println("hello from the README");
        alice.awaitStdoutLine(l -> l.endsWith(" #1: hello from the README"));
        alice.println("hello back");
        bob.awaitStdoutLine(l -> l.endsWith(" #1: hello back"));
        bob.println("/quit");
        bob.assertExit(0);
        alice.println("/quit");
        alice.assertExit(0);

        String aliceSafety = safetyNumber(alice);
        assertThat(aliceSafety).matches("(\\d{5} ){11}\\d{5}").isEqualTo(safetyNumber(bob));
        assertThat(alice.stderr() + bob.stderr()).doesNotContain("YOUR identity");

        CliProcess check = cli.startIn(work, Map.of(), asTyped(verify, port));
        check.closeStdin();
        assertThat(check.awaitExit()).as(check.describe()).isZero();
        assertThat(check.stdout()).contains(": OK, 2 messages verified");
    }

    private static String homeOf(List<String> command) {
        int i = command.indexOf("--home");
        return i < 0 ? null : command.get(i + 1);
    }

    /** The arguments after {@code ./marcom}, with ~ and port 30000 mapped for the test. */
    private String[] asTyped(List<String> command, int port) {
        String home = cli.userHome().toString();
        return command.subList(1, command.size()).stream()
                .map(w -> w.startsWith("~/") ? home + w.substring(1) : w)
                .map(w -> w.replace("30000", Integer.toString(port)))
                .toArray(String[]::new);
    }

    private static String safetyNumber(CliProcess p) {
        for (String line : p.stderr().split("\n")) {
            if (line.startsWith("safety number: ")) {
                return line.substring("safety number: ".length());
            }
        }
        throw new AssertionError("no safety number\n" + p.describe());
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket()) {
            s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            return s.getLocalPort();
        }
    }
}
