package io.gatehouse.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.gatehouse.filter.FilterRegistry;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/** Loads YAML from tests with a fixed environment. */
final class ConfigFixtures {

    /** A route and upstream to which tests of one section add the part they are about. */
    static final String UPSTREAM_USERS = """
            upstreams:
              users:
                endpoints: [{address: "127.0.0.1:9001"}]
            """;

    /** Whether the gateway ships the rate-limit filter, whose settings {@link RateLimitFilterSection} reads. */
    static final boolean RATE_LIMIT_REGISTERED =
            FilterRegistry.builtins().find(RateLimitFilterSection.FILTER_NAME).isPresent();
    private static final Pattern UNKNOWN_RATE_LIMIT =
            Pattern.compile("routes\\[\\d+]\\.filters\\[\\d+]: unknown filter \"rate-limit\" \\(known: .*\\)");

    private ConfigFixtures() {
    }

    static GatewayConfig load(String yaml) {
        return load(yaml, Map.of());
    }

    static GatewayConfig load(String yaml, Map<String, String> env) {
        return new ConfigLoader(FilterRegistry.builtins(), env::get).parse(yaml, "test.yaml");
    }

    /** The problems loading {@code yaml} reports; fails the test when it loads. */
    static List<String> errorsOf(String yaml) {
        return errorsOf(yaml, Map.of());
    }

    static List<String> errorsOf(String yaml, Map<String, String> env) {
        ConfigException[] thrown = new ConfigException[1];
        assertThatThrownBy(() -> load(yaml, env)).isInstanceOfSatisfying(ConfigException.class, e -> thrown[0] = e);
        return thrown[0].errors();
    }

    /** A config with one upstream {@code users}; {@code upstreamLines} are indented under it. */
    static String upstream(String upstreamLines) {
        return "upstreams:\n  users:\n" + upstreamLines.stripTrailing().indent(4);
    }

    /** The upstream {@code users} of a config with one upstream; see {@link #upstream}. */
    static UpstreamConfig loadUpstream(String upstreamLines) {
        return load(upstream(upstreamLines)).upstreams().get("users");
    }

    /** A config with one route {@code r} to upstream {@code users}; {@code routeLines} are indented under it. */
    static String route(String routeLines) {
        return UPSTREAM_USERS + "routes:\n  - name: r\n    upstream: users\n"
                + routeLines.stripTrailing().indent(4);
    }

    /** A config with one limiter {@code l}; {@code limiterLines} are indented under it. */
    static String limiter(String limiterLines) {
        return "limiters:\n  l:\n" + limiterLines.stripTrailing().indent(4);
    }

    /** The limiter {@code l} of a config with one limiter; see {@link #limiter}. */
    static LimiterConfig loadLimiter(String limiterLines) {
        return load(limiter(limiterLines)).limiters().get("l");
    }

    /**
     * Loads {@code yaml} with {@code load} and hands the config to {@code check}. A config that uses the rate-limit
     * filter while the gateway does not ship it must fail to load only because that filter is unknown, and must pass
     * {@link #rateLimitErrors}, so that every part of it is still checked; once the filter ships, it must load.
     */
    static void loadAndCheck(String yaml, Supplier<GatewayConfig> load, Consumer<GatewayConfig> check) {
        if (RATE_LIMIT_REGISTERED || !yaml.contains(RateLimitFilterSection.FILTER_NAME + ":")) {
            check.accept(load.get());
            return;
        }
        assertThatThrownBy(load::get).isInstanceOfSatisfying(ConfigException.class, e ->
                assertThat(e.errors()).allMatch(message -> UNKNOWN_RATE_LIMIT.matcher(message).matches()));
        assertThat(rateLimitErrors(yaml)).isEmpty();
    }

    /**
     * What loading {@code yaml} reports about its limiters and rate-limit filters as the loader does with that filter
     * registered: each filter's settings, parsed by {@link RateLimitFilterSection}, then what they refer to.
     */
    static List<String> rateLimitErrors(String yaml) {
        ConfigErrors errors = new ConfigErrors();
        JsonNode tree = ConfigLoader.readTree(yaml, errors);
        Set<String> unexpanded = new EnvSubstitution(Map.<String, String>of()::get).applyTo(tree, errors);
        ConfigNode root = ConfigNode.root(tree, errors, unexpanded);
        Map<String, LimiterConfig> limiters = LimiterSection.limiters(root.get("limiters"));
        for (ConfigNode route : listed(root.get("routes"))) {
            for (ConfigNode filter : listed(route.get("filters"))) {
                ConfigNode settings = filter.get(RateLimitFilterSection.FILTER_NAME);
                if (settings.isPresent()) {
                    RateLimitFilterSection.parse(new FilterSettingsNode(settings));
                }
            }
        }
        LimiterReferences.check(root.get("routes"), limiters);
        return errors.messages();
    }

    /** The items of a list; none, and nothing reported, for any other value. */
    private static List<ConfigNode> listed(ConfigNode node) {
        return node.json().isArray() ? node.items() : List.of();
    }
}
