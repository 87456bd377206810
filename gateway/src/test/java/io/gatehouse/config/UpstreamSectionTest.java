package io.gatehouse.config;

import static io.gatehouse.config.ConfigFixtures.errorsOf;
import static io.gatehouse.config.ConfigFixtures.load;
import static io.gatehouse.config.ConfigFixtures.loadUpstream;
import static io.gatehouse.config.ConfigFixtures.upstream;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class UpstreamSectionTest {

    private static final String ENDPOINTS = "endpoints: [{ address: \"h:1\" }]\n";

    @Test
    void keepsDocumentOrderAndFillsInDefaults() {
        GatewayConfig config = load("""
                upstreams:
                  zeta: { endpoints: [{ address: "z.internal:80" }] }
                  alpha: { endpoints: [{ address: "a.internal:80" }] }
                """);

        assertThat(config.upstreams().keySet()).containsExactly("zeta", "alpha");
        UpstreamConfig alpha = config.upstreams().get("alpha");
        assertThat(alpha.name()).isEqualTo("alpha");
        assertThat(alpha.balancer()).isEqualTo("round-robin");
        assertThat(alpha.hash()).isNull();
        assertThat(alpha.slowStart()).isZero();
        assertThat(alpha.endpoints()).containsExactly(new EndpointConfig("a.internal", 80, 1));
        assertThat(alpha.healthCheck()).isNull();
        assertThat(alpha.outlier()).isNull();
        assertThat(alpha.breaker()).isNull();
        assertThat(alpha.limits()).isEqualTo(new LimitsConfig(1024, 1024, 1024));
        assertThat(alpha.pool()).isEqualTo(new PoolConfig(Duration.ofSeconds(60)));
        assertThat(alpha.panicThreshold()).isEqualTo(0.5);
    }

    @ParameterizedTest
    @ValueSource(strings = {"random", "round-robin", "weighted-round-robin", "least-connections", "least-latency"})
    void readsEachBalancerThatNeedsNoHash(String balancer) {
        assertThat(loadUpstream("balancer: " + balancer + "\n" + ENDPOINTS).balancer()).isEqualTo(balancer);
    }

    @Test
    void anUnknownBalancerListsTheKnownOnes() {
        assertThat(errorsOf(upstream("balancer: fastest\n" + ENDPOINTS))).containsExactly(
                "upstreams.users.balancer: unknown balancer \"fastest\" (known: consistent-hash, least-connections, "
                        + "least-latency, random, round-robin, weighted-round-robin)");
    }

    @Test
    void readsEachHashSource() {
        assertThat(hash("{ header: X-User }")).isEqualTo(new HashConfig(HashConfig.Source.HEADER, "X-User"));
        assertThat(hash("{ cookie: session }")).isEqualTo(new HashConfig(HashConfig.Source.COOKIE, "session"));
        assertThat(hash("client-address")).isEqualTo(new HashConfig(HashConfig.Source.CLIENT_ADDRESS, null));
        assertThat(hash("path")).isEqualTo(new HashConfig(HashConfig.Source.PATH, null));
    }

    private static HashConfig hash(String hash) {
        return loadUpstream("balancer: consistent-hash\nhash: " + hash + "\n" + ENDPOINTS).hash();
    }

    @Test
    void aHashIsRequiredWithConsistentHashingAndOnlyAllowedWithIt() {
        assertThat(errorsOf(upstream("balancer: consistent-hash\n" + ENDPOINTS))).containsExactly(
                "upstreams.users.hash: required with balancer consistent-hash (client-address, path, "
                        + "{ header: NAME } or { cookie: NAME })");
        assertThat(errorsOf(upstream("hash: path\n" + ENDPOINTS))).containsExactly(
                "upstreams.users.hash: only allowed with balancer consistent-hash");
    }

    @Test
    void reportsMalformedHashes() {
        assertThat(hashErrors("address")).containsExactly("upstreams.users.hash: expected client-address, path, "
                + "{ header: NAME } or { cookie: NAME }, got \"address\"");
        assertThat(hashErrors("{ header: \"X User\" }"))
                .containsExactly("upstreams.users.hash.header: expected a header name, got \"X User\"");
        assertThat(hashErrors("{ cookie: \"a;b\" }"))
                .containsExactly("upstreams.users.hash.cookie: expected a cookie name, got \"a;b\"");
        assertThat(hashErrors("{ header: A, cookie: b }"))
                .containsExactly("upstreams.users.hash: header and cookie are exclusive, got header and cookie");
        assertThat(hashErrors("{ query: q }")).containsExactly(
                "upstreams.users.hash.query: unknown key (allowed: header, cookie)",
                "upstreams.users.hash: expected one of header or cookie");
    }

    private static List<String> hashErrors(String hash) {
        return errorsOf(upstream("balancer: consistent-hash\nhash: " + hash + "\n" + ENDPOINTS));
    }

    @Test
    void readsSlowStartAndPanicThreshold() {
        UpstreamConfig users = loadUpstream("slow-start: 30s\npanic-threshold: 12.5%\n" + ENDPOINTS);

        assertThat(users.slowStart()).isEqualTo(Duration.ofSeconds(30));
        assertThat(users.panicThreshold()).isEqualTo(0.125);
        assertThat(loadUpstream("panic-threshold: 0%\n" + ENDPOINTS).panicThreshold()).isZero();
    }

    @Test
    void reportsMalformedSlowStartAndPanicThreshold() {
        assertThat(errorsOf(upstream("slow-start: soon\npanic-threshold: 0.5\n" + ENDPOINTS))).containsExactly(
                "upstreams.users.slow-start: expected a duration like 250ms, 10s or 5m, got \"soon\"",
                "upstreams.users.panic-threshold: expected a percentage like 50%, got \"0.5\"");
    }

    @Test
    void anUpstreamMustBeAMapOfKnownKeys() {
        assertThat(errorsOf("""
                upstreams:
                  a:
                  b: { endpoints: [{ address: "h:1" }], weights: {} }
                """)).containsExactly(
                "upstreams.a: expected a map with keys balancer, hash, slow-start, endpoints, discovery, health-check, "
                        + "outlier-detection, circuit-breaker, limits, pool, panic-threshold, tls",
                "upstreams.b.weights: unknown key (allowed: balancer, hash, slow-start, endpoints, discovery, "
                        + "health-check, outlier-detection, circuit-breaker, limits, pool, panic-threshold, tls)");
    }

    @Test
    void anInvalidUpstreamStillSatisfiesTheRoutesNamingIt() {
        assertThat(errorsOf("""
                upstreams:
                  users: { balancer: fastest, endpoints: [{ address: "h:1" }] }
                routes:
                  - { name: r, match: { prefix: / }, upstream: users }
                """)).containsExactly("upstreams.users.balancer: unknown balancer \"fastest\" (known: "
                + "consistent-hash, least-connections, least-latency, random, round-robin, weighted-round-robin)");
    }

    @Test
    void readsLimitsAndPool() {
        UpstreamConfig users = loadUpstream(ENDPOINTS + """
                limits: { max-connections: 10, max-pending: 0, max-active: 7 }
                pool: { idle-timeout: 30s }
                """);

        assertThat(users.limits()).isEqualTo(new LimitsConfig(10, 0, 7));
        assertThat(users.pool()).isEqualTo(new PoolConfig(Duration.ofSeconds(30)));
    }

    @Test
    void reportsMalformedLimitsAndPool() {
        assertThat(errorsOf(upstream(ENDPOINTS + """
                limits: { max-connections: 0, max-pending: -1, max-active: 0, max-requests: 1 }
                pool: { idle-timeout: 1, max-connections: 1 }
                """))).containsExactly(
                "upstreams.users.limits.max-requests: unknown key (allowed: max-connections, max-pending, max-active)",
                "upstreams.users.limits.max-connections: expected an integer >= 1, got \"0\"",
                "upstreams.users.limits.max-pending: expected an integer >= 0, got \"-1\"",
                "upstreams.users.limits.max-active: expected an integer >= 1, got \"0\"",
                "upstreams.users.pool.max-connections: unknown key (allowed: idle-timeout)",
                "upstreams.users.pool.idle-timeout: expected a duration like 250ms, 10s or 5m, got \"1\"");
    }
}
