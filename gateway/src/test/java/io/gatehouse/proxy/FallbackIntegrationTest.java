package io.gatehouse.proxy;

import static io.gatehouse.proxy.HttpTestSupport.assertProblem;
import static io.gatehouse.proxy.HttpTestSupport.get;
import static io.gatehouse.proxy.TrafficSupport.endpoints;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.gatehouse.testing.AdminClient;
import io.gatehouse.testing.Behaviour;
import io.gatehouse.testing.EventLoopCounts;
import io.gatehouse.testing.Eventually;
import io.gatehouse.testing.LeakDetectionExtension;
import io.gatehouse.testing.RawHttpClient;
import io.gatehouse.testing.RawResponse;
import io.gatehouse.testing.TestGateway;
import io.gatehouse.testing.TestOrigin;
import io.gatehouse.testing.TestResources;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * What a route answers when its upstream cannot take a request (breaker open, a limit reached, no available
 * endpoint): the static fallback exactly as configured, the fallback upstream, or 503 with Retry-After.
 */
@ExtendWith(LeakDetectionExtension.class)
class FallbackIntegrationTest {

    private static final Duration WAIT = Duration.ofSeconds(5);
    private static final String STATIC_FALLBACK = "fallback: { status: 200, "
            + "headers: { Content-Type: application/json, X-Degraded: \"yes\" }, body: '{\"degraded\":true}' }";
    /** Opens at the first failure and stays open for longer than any test. */
    private static final String TRIGGER_HAPPY_BREAKER =
            "circuit-breaker: { min-requests: 1, error-rate: 50%, open-for: 60s }";

    private final CompletableFuture<Void> release = new CompletableFuture<>();
    private final TestOrigin primary = TestOrigin.start("primary")
            .on("/fail", Behaviour.status(500).body("broken"))
            .on("/held", Behaviour.echo().holdResponseUntil(release));
    private final TestOrigin backup = TestOrigin.start("backup");

    @AfterEach
    void closeOrigins() {
        release.complete(null);
        TestResources.closeAll(primary, backup);
    }

    /**
     * Upstream {@code primary} over the primary origin with {@code upstreamSettings}, upstream {@code backup}, and
     * one catch-all route to primary with {@code routeSettings} (both YAML flow style without braces).
     */
    private TestGateway start(int loops, String upstreamSettings, String routeSettings) {
        return TestGateway.start(TestGateway.config(loops, """
                upstreams:
                  primary: { endpoints: %s%s }
                  backup: { endpoints: %s }
                routes:
                  - { name: main, match: { prefix: / }, upstream: primary%s }
                """.formatted(endpoints(primary), prefixed(upstreamSettings), endpoints(backup),
                prefixed(routeSettings))));
    }

    private static String prefixed(String settings) {
        return settings.isEmpty() ? "" : ", " + settings;
    }

    private static JsonNode counters(TestGateway gateway, String upstream) {
        return new AdminClient(gateway).upstream(upstream).path("counters");
    }

    private static void assertStaticFallback(RawResponse response) {
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.header("content-type")).isEqualTo("application/json");
        assertThat(response.header("x-degraded")).isEqualTo("yes");
        assertThat(response.header("content-length")).isEqualTo("17");
        assertThat(response.bodyText()).isEqualTo("{\"degraded\":true}");
    }

    @Test
    void anOpenBreakerIsAnsweredByTheStaticFallback() throws Exception {
        try (TestGateway gateway = start(1, TRIGGER_HAPPY_BREAKER, STATIC_FALLBACK)) {
            // An upstream's own answer is passed on, error or not; only a request it cannot take falls back.
            assertThat(TrafficSupport.get(gateway, "/fail").status()).isEqualTo(500);

            assertStaticFallback(TrafficSupport.get(gateway, "/fail"));
            assertThat(primary.requests()).hasSize(1);
            assertThat(counters(gateway, "primary").path("fallbacks").asLong()).isEqualTo(1);
            assertThat(counters(gateway, "primary").path("refused_breaker_open").asLong()).isEqualTo(1);
        }
    }

    @EventLoopCounts
    void maxActiveIsAnsweredByTheStaticFallback(int loops) throws Exception {
        try (TestGateway gateway = start(loops, "limits: { max-active: 1 }", STATIC_FALLBACK);
             RawHttpClient held = TrafficSupport.sendGet(gateway, "/held")) {
            primary.awaitRequests(1, WAIT);

            assertStaticFallback(TrafficSupport.get(gateway, "/other"));
            release.complete(null);
            assertThat(held.readResponse().status()).isEqualTo(200);
            assertThat(primary.requests()).hasSize(1);
            assertThat(counters(gateway, "primary").path("refused_max_active").asLong()).isEqualTo(1);
        }
    }

    @Test
    void aHeadRequestGetsTheFallbacksHeadWithoutItsBody() throws Exception {
        try (TestGateway gateway = start(1, TRIGGER_HAPPY_BREAKER, STATIC_FALLBACK);
             RawHttpClient client = RawHttpClient.connect(gateway.port())) {
            assertThat(client.write(get("/fail")).readResponse().status()).isEqualTo(500);

            RawResponse head = client.write("HEAD /fail HTTP/1.1\r\nHost: gatehouse.test\r\n\r\n")
                    .readResponseToHead();
            assertThat(head.status()).isEqualTo(200);
            assertThat(head.header("content-length")).isEqualTo("17");
            // Had the body followed the head, this would read it as the next response.
            assertStaticFallback(client.write(get("/fail")).readResponse());
        }
    }

    @Test
    void noAvailableEndpointIsAnsweredByTheStaticFallback() throws Exception {
        primary.on("/health", Behaviour.status(503));
        try (TestGateway gateway = start(1, "panic-threshold: 0%, health-check: { http: { path: /health, "
                + "interval: 50ms, timeout: 50ms, unhealthy: 1 } }", STATIC_FALLBACK)) {
            AdminClient admin = new AdminClient(gateway);
            Eventually.await("the only endpoint to fail its check", WAIT, () -> "unhealthy".equals(
                    admin.upstream("primary").at("/endpoints/0/health").asText()));
            // The upstream takes the verdict into its candidates a moment later, off the event loops.
            Eventually.await("requests to fall back", WAIT, () -> fallsBack(gateway));

            assertStaticFallback(TrafficSupport.get(gateway, "/anything"));
            assertThat(counters(gateway, "primary").path("refused_no_endpoint").asLong()).isGreaterThanOrEqualTo(2);
        }
    }

    private static boolean fallsBack(TestGateway gateway) {
        try {
            return TrafficSupport.get(gateway, "/anything").header("x-degraded") != null;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void anOpenBreakerSendsRequestsToTheFallbackUpstream() throws Exception {
        try (TestGateway gateway = start(1, TRIGGER_HAPPY_BREAKER, "fallback: { upstream: backup }")) {
            assertThat(TrafficSupport.get(gateway, "/fail").status()).isEqualTo(500);

            RawResponse response = TrafficSupport.get(gateway, "/fail");
            assertThat(response.status()).isEqualTo(200);
            assertThat(response.bodyText()).contains("\"origin\":\"backup\"");
            assertThat(backup.requests()).hasSize(1);
            assertThat(counters(gateway, "primary").path("fallbacks").asLong()).isEqualTo(1);
        }
    }

    @EventLoopCounts
    void aFullPoolSendsTheRequestWithItsBodyToTheFallbackUpstream(int loops) throws Exception {
        try (TestGateway gateway = start(loops, "limits: { max-connections: 1, max-pending: 0 }",
                "fallback: { upstream: backup }");
             RawHttpClient held = TrafficSupport.sendGet(gateway, "/held")) {
            primary.awaitRequests(1, WAIT);

            // No retries on this route: the body is not kept, yet the fallback upstream must get all of it.
            String body = "x".repeat(10_000);
            RawResponse response = HttpTestSupport.exchange(gateway.port(), "POST /orders HTTP/1.1\r\n"
                    + "Host: gatehouse.test\r\nContent-Length: " + body.length() + "\r\n\r\n" + body);
            assertThat(response.status()).as(response.bodyText()).isEqualTo(200);
            assertThat(response.bodyText()).contains("\"origin\":\"backup\"").contains("\"bodyBytes\":10000");
            release.complete(null);
            assertThat(held.readResponse().status()).isEqualTo(200);
        }
    }

    @Test
    void aRetryTheBreakerRefusesGoesToTheFallbackUpstreamAndTheConnectionServesOn() throws Exception {
        primary.on("/busy", Behaviour.status(503));
        try (TestGateway gateway = start(1, TRIGGER_HAPPY_BREAKER,
                "retries: { attempts: 2, backoff: 1ms }, fallback: { upstream: backup }");
             RawHttpClient client = RawHttpClient.connect(gateway.port())) {
            // The 503 opens the breaker, so the retry it asks for is refused and falls back.
            RawResponse first = client.write(get("/busy")).readResponse();
            assertThat(first.status()).as(first.bodyText()).isEqualTo(200);
            assertThat(first.bodyText()).contains("\"origin\":\"backup\"");

            RawResponse second = client.write(get("/busy")).readResponse();
            assertThat(second.status()).as(second.bodyText()).isEqualTo(200);
            assertThat(primary.requests()).hasSize(1);
            assertThat(backup.requests()).hasSize(2);
        }
    }

    @Test
    void withoutAFallbackAnOpenBreakerIs503WithRetryAfter() throws Exception {
        try (TestGateway gateway = start(1, TRIGGER_HAPPY_BREAKER, "")) {
            assertThat(TrafficSupport.get(gateway, "/fail").status()).isEqualTo(500);

            RawResponse response = TrafficSupport.get(gateway, "/fail");
            assertProblem(response, 503);
            assertThat(response.bodyText()).contains("circuit breaker is open");
            // Until the breaker lets probes through again, in whole seconds.
            assertThat(Integer.parseInt(response.header("retry-after"))).isBetween(1, 60);
            assertThat(primary.requests()).hasSize(1);
        }
    }

    @Test
    void withoutAFallbackAHeadRequestGetsThe503sHeadWithoutItsBody() throws Exception {
        try (TestGateway gateway = start(1, TRIGGER_HAPPY_BREAKER, "");
             RawHttpClient client = RawHttpClient.connect(gateway.port())) {
            assertThat(client.write(get("/fail")).readResponse().status()).isEqualTo(500);

            RawResponse head = client.write("HEAD /fail HTTP/1.1\r\nHost: gatehouse.test\r\n\r\n")
                    .readResponseToHead();
            assertThat(head.status()).isEqualTo(503);
            assertThat(head.header("content-type")).isEqualTo("application/problem+json");
            assertThat(Long.parseLong(head.header("content-length"))).isPositive();
            assertProblem(client.write(get("/fail")).readResponse(), 503);
        }
    }

    @EventLoopCounts
    void withoutAFallbackMaxActiveIs503WithRetryAfter(int loops) throws Exception {
        try (TestGateway gateway = start(loops, "limits: { max-active: 1 }", "");
             RawHttpClient held = TrafficSupport.sendGet(gateway, "/held")) {
            primary.awaitRequests(1, WAIT);

            RawResponse response = TrafficSupport.get(gateway, "/other");
            assertProblem(response, 503);
            assertThat(response.bodyText()).contains("limit of active requests");
            assertThat(response.header("retry-after")).isEqualTo("1");
            release.complete(null);
            assertThat(held.readResponse().status()).isEqualTo(200);
        }
    }
}
