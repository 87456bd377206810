package io.gatehouse.config;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gatehouse.filter.FilterRegistry;
import java.util.List;
import java.util.Map;

/** Loads YAML from tests with a fixed environment. */
final class ConfigFixtures {

    /** A route and upstream to which tests of one section add the part they are about. */
    static final String UPSTREAM_USERS = """
            upstreams:
              users:
                endpoints: [{address: "127.0.0.1:9001"}]
            """;

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
}
