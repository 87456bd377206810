package io.gatehouse.serving;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gatehouse.serving.ConsoleExamples.Example;
import org.junit.jupiter.api.Test;

class ConsoleExamplesTest {

    @Test
    void commandsContinueWhileQuotedAndOwnTheLinesAfterThem() {
        String markdown = """
                ```sh
                $ not an example
                ```
                ```console
                $ curl -s host/a
                $ curl -s host/b -d '{"x": [
                  1]}'
                {"y":
                 2}
                ```
                """;

        assertThat(ConsoleExamples.parse(markdown)).containsExactly(
                new Example(5, "curl -s host/a", ""),
                new Example(6, "curl -s host/b -d '{\"x\": [\n  1]}'", "{\"y\":\n 2}"));
    }

    @Test
    void refusesOutputWithoutACommandAndOpenBlocks() {
        assertThatThrownBy(() -> ConsoleExamples.parse("```console\n{}\n```\n"))
                .hasMessageContaining("line 2 of a console block is neither a command nor the output of one: {}");
        assertThatThrownBy(() -> ConsoleExamples.parse("```console\n$ curl -s host/a\n"))
                .hasMessageContaining("not closed");
    }
}
