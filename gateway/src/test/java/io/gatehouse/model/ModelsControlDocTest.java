package io.gatehouse.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.gatehouse.config.ConfigLoader;
import io.gatehouse.config.GatewayConfig;
import io.gatehouse.filter.FilterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every YAML block of docs/models-control.md is a whole config that loads. */
class ModelsControlDocTest {

    private static final Path DOC = Path.of("..", "docs", "models-control.md");
    private static final Pattern YAML_BLOCK = Pattern.compile("```yaml\n(.*?)```", Pattern.DOTALL);

    @TempDir
    Path directory;

    @Test
    void everyYamlBlockLoads() throws Exception {
        List<String> blocks = new ArrayList<>();
        Matcher matcher = YAML_BLOCK.matcher(Files.readString(DOC));
        while (matcher.find()) {
            blocks.add(matcher.group(1));
        }
        assertThat(blocks).isNotEmpty();
        for (String yaml : blocks) {
            Path file = directory.resolve("gatehouse.yaml");
            Files.writeString(file, yaml);
            GatewayConfig config = new ConfigLoader(FilterRegistry.builtins(), Map.<String, String>of()::get)
                    .load(file);
            assertThat(config.models()).isNotEmpty();
            if (yaml.contains("state-file: state/models.json")) {
                assertThat(config.modelRegistry().stateFile()).isEqualTo(directory.resolve("state/models.json"));
            }
        }
    }
}
