package io.gatehouse.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Keeps the model gateway's part of docs/models.md true to the code: every YAML block there is a complete config that
 * loads. (The embedded model server's part follows; its examples are run by the serving module's tests.)
 */
class ModelGatewayDocTest {

    private static final Path DOC = Path.of("..", "docs", "models.md");
    private static final String SERVER_PART = "## The embedded model server";
    private static final Pattern YAML_BLOCK = Pattern.compile("```yaml\n(.*?)```", Pattern.DOTALL);

    private static List<String> blocks() throws Exception {
        List<String> blocks = new ArrayList<>();
        String doc = Files.readString(DOC);
        Matcher matcher = YAML_BLOCK.matcher(doc.substring(0, doc.indexOf(SERVER_PART)));
        while (matcher.find()) {
            blocks.add(matcher.group(1));
        }
        return blocks;
    }

    @TestFactory
    Stream<DynamicTest> everyYamlBlockLoads() throws Exception {
        List<String> blocks = blocks();
        assertThat(blocks).hasSizeGreaterThanOrEqualTo(3);
        return blocks.stream().map(yaml -> DynamicTest.dynamicTest(yaml.lines().findFirst().orElse(""), () -> {
            GatewayConfig config = ConfigFixtures.load(yaml);
            assertThat(config.models()).isNotEmpty();
        }));
    }

    @Test
    void theFirstExampleReadsAsDocumented() throws Exception {
        GatewayConfig config = ConfigFixtures.load(blocks().get(0));

        ModelConfig linear = config.models().get(0);
        assertThat(linear.traffic().stickyConsumer()).isTrue();
        assertThat(linear.defaultTarget()).isEqualTo("stable");
        assertThat(config.models().get(1).backendName()).isEqualTo("resnet-18");
        assertThat(config.modelApis()).extracting(ModelApiConfig::prefix).containsExactly("/v2", "/tfs/v1",
                "/predictions");
        assertThat(config.modelApis().get(0).filters()).extracting(FilterSpec::name).containsExactly("auth");
        assertThat(config.modelRegistry().stateFile().getFileName().toString()).isEqualTo("models-state.json");
    }

    @Test
    void theShadowAndOpenAiExamplesReadAsDocumented() throws Exception {
        GatewayConfig shadow = ConfigFixtures.load(blocks().stream().filter(yaml -> yaml.contains("max-in-flight: 8"))
                .findFirst().orElseThrow());
        assertThat(shadow.models().get(0).shadow()).isEqualTo(new ShadowConfig("next", 10, 2 << 20, 8, 1e-4,
                java.time.Duration.ofSeconds(5)));
        GatewayConfig openai = ConfigFixtures.load(blocks().stream().filter(yaml -> yaml.contains("openai:"))
                .findFirst().orElseThrow());
        assertThat(openai.modelApis().get(0).maxBody()).isEqualTo(8L << 20);
    }
}
