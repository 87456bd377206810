package io.gatehouse.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Keeps docs/configuration.md true to the code: its complete example loads, and its snippets are valid. */
class ConfigurationDocTest {

    private static final Path DOC = Path.of("..", "docs", "configuration.md");
    private static final Pattern YAML_BLOCK = Pattern.compile("```yaml\n(.*?)```", Pattern.DOTALL);

    @Test
    void everyYamlBlockLoads() throws Exception {
        List<String> blocks = new ArrayList<>();
        Matcher matcher = YAML_BLOCK.matcher(Files.readString(DOC));
        while (matcher.find()) {
            blocks.add(matcher.group(1));
        }
        assertThat(blocks).hasSize(2);

        String filtersSnippet = ConfigFixtures.route("match: { prefix: / }\n" + blocks.get(0));
        assertThat(ConfigFixtures.load(filtersSnippet).routes().get(0).filters()).hasSize(1);

        GatewayConfig example = ConfigFixtures.load(blocks.get(1), Map.of());
        assertThat(example.routes()).extracting(RouteConfig::name)
                .containsExactly("users", "predict", "everything-else");
        assertThat(example.upstreams().get("users").endpoints().get(0).host()).isEqualTo("127.0.0.1");
    }
}
