package io.gatehouse.config;

import static io.gatehouse.config.ConfigFixtures.errorsOf;
import static io.gatehouse.config.ConfigFixtures.load;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class UpstreamSectionTest {

    @Test
    void keepsDocumentOrderAndFillsInDefaults() {
        GatewayConfig config = load("""
                upstreams:
                  zeta: { endpoints: [{ address: "z.internal:80" }] }
                  alpha: { endpoints: [{ address: "a.internal:80" }] }
                """);

        assertThat(config.upstreams().keySet()).containsExactly("zeta", "alpha");
        UpstreamConfig alpha = config.upstreams().get("alpha");
        assertThat(alpha.balancer()).isEqualTo("round-robin");
        assertThat(alpha.endpoints()).containsExactly(new EndpointConfig("a.internal", 80, 1));
        assertThat(alpha.limits()).isEqualTo(new LimitsConfig(1024, 1024, 1024));
        assertThat(alpha.pool()).isEqualTo(new PoolConfig(Duration.ofSeconds(60)));
    }

    @Test
    void anUnknownBalancerListsTheKnownOnes() {
        assertThat(errorsOf("""
                upstreams:
                  users: { balancer: random, endpoints: [{ address: "h:1" }] }
                """)).containsExactly("upstreams.users.balancer: unknown balancer \"random\" (known: round-robin)");
    }

    @Test
    void needsAtLeastOneEndpoint() {
        assertThat(errorsOf("""
                upstreams:
                  a: { endpoints: [] }
                  b: { pool: {} }
                  c:
                """)).containsExactly(
                "upstreams.a.endpoints: expected at least one endpoint",
                "upstreams.b.endpoints: required",
                "upstreams.c: expected a map with keys balancer, endpoints, pool");
    }

    @Test
    void reportsMalformedEndpoints() {
        assertThat(errorsOf("""
                upstreams:
                  users:
                    endpoints:
                      - { address: localhost }
                      - { address: "h:1", weight: 0 }
                      - { weight: 2 }
                      - { address: "h:1", port: 2 }
                """)).containsExactly(
                "upstreams.users.endpoints[0].address: expected \"host:port\", got \"localhost\"",
                "upstreams.users.endpoints[1].weight: expected an integer >= 1, got \"0\"",
                "upstreams.users.endpoints[2].address: required",
                "upstreams.users.endpoints[3].port: unknown key (allowed: address, weight)",
                "upstreams.users.endpoints[3].address: duplicate address \"h:1\" (also at upstreams.users.endpoints[1].address)");
    }

    @Test
    void reportsMalformedPoolSettings() {
        assertThat(errorsOf("""
                upstreams:
                  users:
                    endpoints: [{ address: "h:1" }]
                    limits: { max-connections: 0, max-pending: -1 }
                    pool: { idle-timeout: 1 }
                """)).containsExactly(
                "upstreams.users.limits.max-connections: expected an integer >= 1, got \"0\"",
                "upstreams.users.limits.max-pending: expected an integer >= 0, got \"-1\"",
                "upstreams.users.pool.idle-timeout: expected a duration like 250ms, 10s or 5m, got \"1\"");
    }
}
