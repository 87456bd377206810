package io.gatehouse.serving;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gatehouse.serving.ConsoleExamples.Example;
import io.gatehouse.serving.onnx.DemoModels;
import io.gatehouse.testing.LeakDetectionExtension;
import io.gatehouse.testing.ServiceBinaries;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs every {@code console} example of docs/models.md, in order, with curl against a server over the demo models
 * as {@code serve-models --demo-models} starts it: each must exit 0 and answer JSON equal to the output shown under
 * it (object keys in any order, numbers within float precision).
 */
@ExtendWith(LeakDetectionExtension.class)
class ModelsDocTest {

    private static final Path DOC = Path.of("..", "docs", "models.md");
    private static final String DOC_ADDRESS = "localhost:" + ServingConfig.DEFAULT_PORT;
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Numbers equal within float precision; other values exactly. */
    private static final Comparator<JsonNode> LEAVES = (expected, actual) -> {
        if (expected.isNumber() && actual.isNumber()) {
            double scale = Math.max(1, Math.abs(expected.doubleValue()));
            return Math.abs(expected.doubleValue() - actual.doubleValue()) <= 1e-6 * scale ? 0 : 1;
        }
        return expected.equals(actual) ? 0 : 1;
    };

    @Test
    void everyConsoleExampleAnswersAsDocumented(@TempDir Path repository) throws Exception {
        Path curl = ServiceBinaries.find("curl", "curl");
        List<Example> examples = ConsoleExamples.parse(Files.readString(DOC));
        assertThat(examples).as("console examples in %s", DOC).hasSizeGreaterThan(20);
        DemoModels.writeMissing(repository);
        try (ModelServer server = ModelServer.start(ServingConfig.defaults(repository)
                .withListener("127.0.0.1", 0).withThreads(1, 1, 8).withModels(DemoModels.NAMES))) {
            for (Example example : examples) {
                assertThat(example.command()).as("line %d", example.line()).startsWith("curl ")
                        .contains(DOC_ADDRESS);
                String command = curl + example.command().substring("curl".length())
                        .replace(DOC_ADDRESS, "127.0.0.1:" + server.port());
                Process process = new ProcessBuilder("sh", "-c", command).redirectErrorStream(true).start();
                String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                assertThat(process.waitFor(30, TimeUnit.SECONDS)).as("line %d ends", example.line()).isTrue();
                assertThat(process.exitValue()).as("exit status of line %d: %s", example.line(), output).isZero();
                JsonNode answer = JSON.readTree(output);
                assertThat(answer).as("line %d answers JSON: %s", example.line(), output).isNotNull();
                if (!example.output().isEmpty()) {
                    JsonNode documented = JSON.readTree(example.output());
                    assertThat(documented.equals(LEAVES, answer))
                            .as("line %d answers %s, documented %s", example.line(), output, example.output())
                            .isTrue();
                }
            }
        }
    }
}
