package dev.marcom.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ChatLineTest {

    @Test
    void ordinaryLinesAreMessages() {
        assertThat(ChatLine.parse("hello")).isEqualTo(new ChatLine.Text("hello"));
        assertThat(ChatLine.parse(" leading space kept ")).isEqualTo(new ChatLine.Text(" leading space kept "));
        assertThat(ChatLine.parse("a/b")).isEqualTo(new ChatLine.Text("a/b"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "\t", "   \t  "})
    void emptyAndBlankLinesAreNotSent(String line) {
        assertThat(ChatLine.parse(line)).isEqualTo(new ChatLine.Blank());
    }

    @Test
    void aDoubleSlashSendsALineStartingWithOneSlash() {
        assertThat(ChatLine.parse("//quit")).isEqualTo(new ChatLine.Text("/quit"));
        assertThat(ChatLine.parse("//")).isEqualTo(new ChatLine.Text("/"));
    }

    @Test
    void knownCommands() {
        assertThat(ChatLine.parse("/quit")).isEqualTo(new ChatLine.Quit());
        assertThat(ChatLine.parse("/quit  ")).isEqualTo(new ChatLine.Quit());
        assertThat(ChatLine.parse("/help")).isEqualTo(new ChatLine.Help());
        assertThat(ChatLine.parse("/send  my file.txt ")).isEqualTo(new ChatLine.Send(Path.of("my file.txt")));
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "/qiut | unknown command /qiut; /help lists commands",
                "/ | unknown command /; /help lists commands",
                "/Quit | unknown command /Quit; /help lists commands",
                "/sendfile x | unknown command /sendfile; /help lists commands",
                "/send | usage: /send PATH",
                "/send    | usage: /send PATH",
                "/quit now | /quit takes no argument"
            })
    void otherSlashLinesAreRefusedLocally(String line, String problem) {
        assertThat(ChatLine.parse(line)).isEqualTo(new ChatLine.Refused(problem));
    }

    @Test
    void helpListsEveryCommand() {
        assertThat(ChatLine.HELP)
                .contains("/send PATH")
                .contains("/quit")
                .contains("/help")
                .contains("//TEXT");
    }
}
