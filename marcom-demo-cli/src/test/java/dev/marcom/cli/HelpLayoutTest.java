package dev.marcom.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/** {@code --help} never splits a path or a command across lines. */
class HelpLayoutTest {

    @Test
    void everyPathAndCommandInTheHelpStaysOnOneLine() {
        CommandLine marcom = Marcom.commandLine(java.io.InputStream.nullInputStream(), Map.of());
        for (Map.Entry<String, CommandLine> sub : marcom.getSubcommands().entrySet()) {
            String help =
                    sub.getValue().getUsageMessage(CommandLine.Help.defaultColorScheme(CommandLine.Help.Ansi.OFF));
            StringBuilder texts = new StringBuilder();
            for (String line : sub.getValue().getCommandSpec().usageMessage().description()) {
                texts.append(line).append(' ');
            }
            for (OptionSpec o : sub.getValue().getCommandSpec().options()) {
                texts.append(String.join(" ", o.description())).append(' ');
            }
            for (String word : texts.toString().split("\\s+")) {
                String w = word.replaceAll("[.,;:()]+$", "").replaceAll("^[(]+", "");
                if (w.contains("/") || w.contains("~") || w.startsWith("$")) {
                    assertThat(help)
                            .as("marcom " + sub.getKey() + " --help keeps \"" + w + "\" whole")
                            .contains(w);
                }
            }
        }
    }

    @Test
    void theHomeOptionShowsItsDefaultOnOneLine() {
        CommandLine marcom = Marcom.commandLine(java.io.InputStream.nullInputStream(), Map.of());
        for (String command : new String[] {"listen", "connect", "keygen", "fingerprint"}) {
            String help = marcom.getSubcommands()
                    .get(command)
                    .getUsageMessage(CommandLine.Help.defaultColorScheme(CommandLine.Help.Ansi.OFF));
            assertThat(help).as(command).contains("Default: $MARCOM_HOME, else ~/.marcom\n");
        }
    }
}
