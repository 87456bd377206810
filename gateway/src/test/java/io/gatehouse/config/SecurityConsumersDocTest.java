package io.gatehouse.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.gatehouse.filter.FilterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Keeps docs/security-consumers.md true to the code: every YAML block loads, with the environment and key file the
 * document describes. {@code # route snippet} blocks are keys of one route, placed in a config with consumers.
 */
class SecurityConsumersDocTest {

    private static final Path DOC = Path.of("..", "docs", "security-consumers.md");
    private static final Pattern YAML_BLOCK = Pattern.compile("```yaml\n(.*?)```", Pattern.DOTALL);
    private static final String ROUTE_SNIPPET = "# route snippet\n";
    private static final Map<String, String> ENV = Map.of("ALICE_KEY", "alice-example-key-0001",
            "ALICE_PASSWORD", "example-password");
    private static final String ROUTE_CONTEXT = """
            consumers:
              - { name: alice, groups: [staff], credentials: { key-auth: [ { key: "${ALICE_KEY}" } ] } }
            upstreams:
              app: { endpoints: [{ address: "127.0.0.1:9001" }] }
            routes:
              - name: example
                match: { prefix: / }
                upstream: app
            """;

    @TempDir
    Path directory;

    @TestFactory
    Stream<DynamicTest> everyYamlBlockLoads() throws Exception {
        String doc = Files.readString(DOC);
        List<DynamicTest> tests = new ArrayList<>();
        Matcher matcher = YAML_BLOCK.matcher(doc);
        while (matcher.find()) {
            int line = (int) doc.substring(0, matcher.start()).lines().count() + 1;
            String yaml = matcher.group(1);
            tests.add(DynamicTest.dynamicTest("block at line " + line, () -> load(yaml)));
        }
        assertThat(tests).hasSizeGreaterThanOrEqualTo(5);
        return tests.stream();
    }

    private void load(String yaml) throws Exception {
        Files.createDirectories(directory.resolve("keys"));
        Files.writeString(directory.resolve("keys/ops.key"), "ops-example-key-0003\n");
        Path file = directory.resolve("gatehouse.yaml");
        String config = yaml.startsWith(ROUTE_SNIPPET) ? ROUTE_CONTEXT + yaml.indent(4) : yaml;
        GatewayConfig loaded = new ConfigLoader(FilterRegistry.builtins(), ENV::get).parse(config, file);
        assertThat(loaded.routes()).isNotEmpty();
        assertThat(loaded.consumers()).isNotEmpty();
    }
}
