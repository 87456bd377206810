package io.gatehouse.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Keeps docs/configuration.md true to the code: every YAML block loads. A block's first line says what it is:
 * {@code # upstream snippet} (the settings of one upstream), {@code # limiter snippet} (the settings of one limiter),
 * {@code # route snippet} (keys of one route besides name, match and upstream), {@code # endpoints file} (a discovery
 * file); any other block is a complete config. Blocks that use the rate-limit filter are checked as
 * {@link ConfigFixtures#loadAndCheck} describes.
 */
class ConfigurationDocTest {

    private static final Path DOC = Path.of("..", "docs", "configuration.md");
    private static final Pattern YAML_BLOCK = Pattern.compile("```yaml\n(.*?)```", Pattern.DOTALL);
    private static final String UPSTREAM_SNIPPET = "# upstream snippet\n";
    private static final String LIMITER_SNIPPET = "# limiter snippet\n";
    private static final String ROUTE_SNIPPET = "# route snippet\n";
    private static final String ENDPOINTS_FILE = "# endpoints file\n";
    /** What a route snippet is placed in: upstreams for the route and for a fallback. */
    private static final String ROUTE_CONTEXT = """
            upstreams:
              users: { endpoints: [{ address: "127.0.0.1:9001" }] }
              backup: { endpoints: [{ address: "127.0.0.1:9002" }] }
            routes:
              - name: example
                match: { prefix: / }
                upstream: users
            """;

    private record Block(int line, String yaml) {
    }

    private static List<Block> blocks() throws Exception {
        String doc = Files.readString(DOC);
        List<Block> blocks = new ArrayList<>();
        Matcher matcher = YAML_BLOCK.matcher(doc);
        while (matcher.find()) {
            int line = (int) doc.substring(0, matcher.start()).lines().count() + 1;
            blocks.add(new Block(line, matcher.group(1)));
        }
        return blocks;
    }

    @TestFactory
    Stream<DynamicTest> everyYamlBlockLoads() throws Exception {
        List<Block> blocks = blocks();
        assertThat(blocks).hasSizeGreaterThan(20);
        return blocks.stream().map(block -> DynamicTest.dynamicTest("block at line " + block.line(),
                () -> load(block.yaml())));
    }

    private static void load(String yaml) {
        if (yaml.startsWith(ENDPOINTS_FILE)) {
            assertThat(EndpointsFile.parse(yaml, "endpoints file")).isNotEmpty();
        } else if (yaml.startsWith(UPSTREAM_SNIPPET)) {
            loadAndCheck("upstreams:\n  example:\n" + yaml.indent(4),
                    config -> assertThat(config.upstreams()).containsOnlyKeys("example"));
        } else if (yaml.startsWith(LIMITER_SNIPPET)) {
            loadAndCheck("limiters:\n  example:\n" + yaml.indent(4),
                    config -> assertThat(config.limiters()).containsOnlyKeys("example"));
        } else if (yaml.startsWith(ROUTE_SNIPPET)) {
            loadAndCheck(ROUTE_CONTEXT + yaml.indent(4),
                    config -> assertThat(config.routes()).extracting(RouteConfig::name).containsExactly("example"));
        } else {
            loadAndCheck(yaml, config -> assertThat(config.routes()).isNotEmpty());
        }
    }

    private static void loadAndCheck(String config, Consumer<GatewayConfig> check) {
        ConfigFixtures.loadAndCheck(config, () -> ConfigFixtures.load(config), check);
    }

    @Test
    void theSnippetsShowEachBalancerAndResilienceFeature() throws Exception {
        List<String> yaml = blocks().stream().map(Block::yaml).toList();

        for (String balancer : UpstreamConfig.BALANCERS) {
            assertThat(yaml).anyMatch(block -> block.contains("balancer: " + balancer + "\n"));
        }
        for (String feature : List.of("discovery: { dns:", "discovery: { file:", "health-check:", "http:", "tcp:",
                "outlier-detection:", "panic-threshold:", "circuit-breaker:", "limits:", "retries:", "fallback:",
                "fallback: { upstream:", "total:")) {
            assertThat(yaml).as(feature).anyMatch(block -> block.contains(feature));
        }
    }

    @Test
    void theSnippetsShowEachLimiterFeature() throws Exception {
        List<String> yaml = blocks().stream().map(Block::yaml).toList();

        for (String feature : List.of("token-bucket:", "cost:", "leaky-bucket:", "max-wait:", "fixed-window:",
                "sliding-window:", "key: client-address", "key: [route,", "key: consumer", "header:", "path:",
                "missing-key: { use:", "max-keys:", "idle-expiry:", "policy: redis", "timeout:",
                "on-failure: fail-closed", "batch:", "- rate-limit: { key:", "limiters: [", "legacy-headers: true")) {
            assertThat(yaml).as(feature).anyMatch(block -> block.contains(feature));
        }
    }

    @Test
    void theCompleteExampleLoadsAsDocumented() throws Exception {
        List<Block> blocks = blocks();
        GatewayConfig example = ConfigFixtures.load(blocks.get(blocks.size() - 1).yaml());

        assertThat(example.routes()).extracting(RouteConfig::name)
                .containsExactly("users", "predict", "everything-else");
        UpstreamConfig users = example.upstreams().get("users");
        assertThat(users.endpoints().get(0).host()).isEqualTo("127.0.0.1");
        assertThat(users.balancer()).isEqualTo("least-connections");
        assertThat(users.healthCheck().path()).isEqualTo("/health");
        assertThat(users.outlier()).isNotNull();
        assertThat(users.breaker().openFor()).isEqualTo(Duration.ofSeconds(10));
        RouteConfig route = example.routes().get(0);
        assertThat(route.retries().attempts()).isEqualTo(3);
        assertThat(route.timeouts().total()).isEqualTo(Duration.ofSeconds(20));
        assertThat(example.routes().get(1).fallback().status()).isEqualTo(503);
    }
}
