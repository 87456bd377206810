package io.gatehouse.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/** Keeps docs/security-tokens.md true to the code: every YAML block (route snippets) loads. */
class SecurityTokensDocTest {

    private static final Path DOC = Path.of("..", "docs", "security-tokens.md");
    private static final Pattern YAML_BLOCK = Pattern.compile("```yaml\n# route snippet\n(.*?)```", Pattern.DOTALL);
    /** What the examples' ${VAR}s stand for. */
    private static final Map<String, String> ENV = Map.of("JWT_SECRET", "0123456789abcdef0123456789abcdef",
            "INTROSPECTION_SECRET", "secret");
    private static final String ROUTE_CONTEXT = """
            upstreams:
              users: { endpoints: [{ address: "127.0.0.1:9001" }] }
            routes:
              - name: example
                match: { prefix: / }
                upstream: users
            """;

    @TestFactory
    Stream<DynamicTest> everyRouteSnippetLoads() throws Exception {
        String doc = Files.readString(DOC);
        Matcher matcher = YAML_BLOCK.matcher(doc);
        List<String> blocks = matcher.results().map(result -> result.group(1)).toList();
        assertThat(blocks).hasSize(4);
        assertThat(doc.split("```yaml", -1)).as("every YAML block is a route snippet").hasSize(blocks.size() + 1);
        return blocks.stream().map(block -> DynamicTest.dynamicTest(block.lines().findFirst().orElse(""), () -> {
            GatewayConfig config = ConfigFixtures.load(ROUTE_CONTEXT + block.indent(4), ENV);
            assertThat(config.routes().get(0).filters()).singleElement()
                    .satisfies(filter -> assertThat(filter.name()).isEqualTo("auth"));
        }));
    }
}
