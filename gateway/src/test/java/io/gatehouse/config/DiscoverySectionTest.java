package io.gatehouse.config;

import static io.gatehouse.config.ConfigFixtures.errorsOf;
import static io.gatehouse.config.ConfigFixtures.loadUpstream;
import static io.gatehouse.config.ConfigFixtures.upstream;
import static org.assertj.core.api.Assertions.assertThat;

import io.gatehouse.filter.FilterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DiscoverySectionTest {

    @Test
    void readsStaticEndpointsWithDefaultWeights() {
        UpstreamConfig users = loadUpstream("""
                endpoints:
                  - { address: "127.0.0.1:9001", weight: 3 }
                  - { address: "[::1]:9002" }
                  - { address: "users.internal:80" }
                """);

        assertThat(users.discovery()).isInstanceOf(DiscoveryConfig.Static.class);
        assertThat(users.endpoints()).containsExactly(new EndpointConfig("127.0.0.1", 9001, 3),
                new EndpointConfig("::1", 9002, 1), new EndpointConfig("users.internal", 80, 1));
    }

    @Test
    void readsDnsWithItsDefaultRefresh() {
        assertThat(loadUpstream("discovery: { dns: \"users.internal:8080\" }").discovery())
                .isEqualTo(new DiscoveryConfig.Dns("users.internal", 8080, Duration.ofSeconds(30)));
        assertThat(loadUpstream("discovery: { dns: \"users.internal:8080\", refresh: 10s }").discovery())
                .isEqualTo(new DiscoveryConfig.Dns("users.internal", 8080, Duration.ofSeconds(10)));
        assertThat(loadUpstream("discovery: { dns: \"users.internal:8080\" }").endpoints()).isEmpty();
    }

    @Test
    void aFileInAConfigWithoutOneIsRelativeToTheWorkingDirectory() {
        assertThat(loadUpstream("discovery: { file: conf/../endpoints.yaml }").discovery())
                .isEqualTo(new DiscoveryConfig.File(Path.of("endpoints.yaml").toAbsolutePath()));
    }

    @Test
    void aFileIsRelativeToTheConfigFilesDirectory(@TempDir Path dir) throws Exception {
        Path config = Files.writeString(Files.createDirectory(dir.resolve("conf")).resolve("gatehouse.yaml"),
                upstream("discovery: { file: endpoints/users.yaml }"));
        ConfigLoader loader = new ConfigLoader(FilterRegistry.builtins(), name -> null);

        DiscoveryConfig expected = new DiscoveryConfig.File(dir.resolve("conf/endpoints/users.yaml"));
        assertThat(loader.load(config).upstreams().get("users").discovery()).isEqualTo(expected);
        assertThat(loader.parse(Files.readString(config), config).upstreams().get("users").discovery())
                .isEqualTo(expected);
    }

    @Test
    void anAbsoluteFileIsKept(@TempDir Path dir) {
        Path file = dir.resolve("users.yaml");

        assertThat(loadUpstream("discovery: { file: \"" + file + "\" }").discovery())
                .isEqualTo(new DiscoveryConfig.File(file));
    }

    @Test
    void needsExactlyOneOfEndpointsAndDiscovery() {
        assertThat(errorsOf(upstream("balancer: random"))).containsExactly(
                "upstreams.users: expected one of endpoints or discovery");
        assertThat(errorsOf(upstream("""
                endpoints: [{ address: "h:1" }]
                discovery: { dns: "h:1" }
                """))).containsExactly(
                "upstreams.users: endpoints and discovery are exclusive, got endpoints and discovery");
    }

    @Test
    void needsExactlyOneOfDnsAndFile() {
        assertThat(errorsOf(upstream("discovery: { refresh: 5s }"))).containsExactly(
                "upstreams.users.discovery: expected one of dns or file");
        assertThat(errorsOf(upstream("discovery: { dns: \"h:1\", file: e.yaml }"))).containsExactly(
                "upstreams.users.discovery: dns and file are exclusive, got dns and file");
        assertThat(errorsOf(upstream("discovery: [dns]"))).containsExactly(
                "upstreams.users.discovery: expected a map with keys dns, file, refresh");
    }

    @Test
    void reportsMalformedDiscovery() {
        assertThat(errorsOf(upstream("discovery: { dns: users.internal, refresh: 0 }"))).containsExactly(
                "upstreams.users.discovery.dns: expected \"host:port\", got \"users.internal\"",
                "upstreams.users.discovery.refresh: expected a duration above 0, got \"0\"");
        assertThat(errorsOf(upstream("discovery: { file: e.yaml, refresh: 5s, consul: x }"))).containsExactly(
                "upstreams.users.discovery.consul: unknown key (allowed: dns, file, refresh)",
                "upstreams.users.discovery.refresh: only allowed with dns");
        assertThat(errorsOf(upstream("discovery: { file: \" \" }"))).containsExactly(
                "upstreams.users.discovery.file: expected a file path, got \" \"");
    }

    @Test
    void needsAtLeastOneEndpoint() {
        assertThat(errorsOf("""
                upstreams:
                  a: { endpoints: [] }
                  b: { endpoints: { address: "h:1" } }
                """)).containsExactly(
                "upstreams.a.endpoints: expected at least one endpoint",
                "upstreams.b.endpoints: expected a list");
    }

    @Test
    void reportsMalformedEndpoints() {
        assertThat(errorsOf(upstream("""
                endpoints:
                  - { address: localhost }
                  - { address: "h:1", weight: 0 }
                  - { weight: 2 }
                  - { address: "h:1", port: 2 }
                  - "h:2"
                """))).containsExactly(
                "upstreams.users.endpoints[0].address: expected \"host:port\", got \"localhost\"",
                "upstreams.users.endpoints[1].weight: expected an integer >= 1, got \"0\"",
                "upstreams.users.endpoints[2].address: required",
                "upstreams.users.endpoints[3].port: unknown key (allowed: address, weight)",
                "upstreams.users.endpoints[3].address: duplicate address \"h:1\" (also at "
                        + "upstreams.users.endpoints[1].address)",
                "upstreams.users.endpoints[4]: expected a map with keys address, weight");
    }
}
