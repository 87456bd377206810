package io.gatehouse.upstream;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.gatehouse.testing.AdminClient;
import io.gatehouse.testing.AdminUpstreams;
import io.gatehouse.testing.Behaviour;
import io.gatehouse.testing.GatewayTraffic;
import io.gatehouse.testing.LeakDetectionExtension;
import io.gatehouse.testing.MetricSamples;
import io.gatehouse.testing.RawHttpClient;
import io.gatehouse.testing.RawResponse;
import io.gatehouse.testing.TestGateway;
import io.gatehouse.testing.TestOrigin;
import io.gatehouse.testing.TestResources;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@code GET /admin/upstreams} and the upstream series of {@code /metrics} on a gateway whose upstreams have been
 * driven into every state they report: an unhealthy, an ejected and a healthy endpoint, an open breaker with a
 * fallback, retries with and without budget, a request in flight at the active-request limit.
 */
@ExtendWith(LeakDetectionExtension.class)
class UpstreamsAdminIntegrationTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final String UPSTREAMS = """
            upstreams:
              app:
                panic-threshold: 30%%
                endpoints: [ { address: "%s", weight: 3 }, { address: "%s" }, { address: "%s" } ]
                health-check: { http: { path: /health, interval: 100ms, timeout: 100ms, healthy: 1, unhealthy: 1 } }
                outlier-detection: { consecutive-errors: 1, base-ejection: 5m, max-ejected: 50%% }
              guarded:
                endpoints: [ { address: "%s" } ]
                circuit-breaker: { window: 1m, min-requests: 2, error-rate: 50%%, open-for: 5m }
              flaky:
                endpoints: [ { address: "%s" } ]
            """;
    private static final String NARROW = """
              narrow:
                endpoints: [ { address: "%s" } ]
                limits: { max-active: 1, max-connections: 4, max-pending: 2 }
            """;
    private static final String ROUTES = """
            routes:
              - { name: app, match: { prefix: /app }, upstream: app }
              - { name: guarded, match: { prefix: /guarded }, upstream: guarded, fallback: { status: 200, body: fallback } }
              - { name: retrying, match: { prefix: /retry }, upstream: flaky, retries: { attempts: 2, on: [503] } }
              - name: stingy
                match: { prefix: /stingy }
                upstream: flaky
                retries: { attempts: 2, on: [503], budget: 0%, min-retries: 0 }
            """;
    private static final String NARROW_ROUTE = "  - { name: narrow, match: { prefix: /narrow }, upstream: narrow }\n";

    private final CompletableFuture<Void> release = new CompletableFuture<>();
    private final List<TestOrigin> origins = new ArrayList<>();
    private TestOrigin unhealthy;
    private TestOrigin ejected;
    private TestOrigin healthy;
    private TestOrigin guarded;
    private TestOrigin flaky;
    private TestOrigin narrow;
    private TestGateway gateway;
    private AdminUpstreams view;
    private GatewayTraffic traffic;
    private RawHttpClient held;

    @BeforeEach
    void start() {
        unhealthy = origin("unhealthy").on("/health", Behaviour.status(503));
        ejected = origin("ejected").on("/app/fail", Behaviour.status(500));
        healthy = origin("healthy");
        guarded = origin("guarded").on("/guarded/fail", Behaviour.status(500));
        flaky = origin("flaky").on("/retry", Behaviour.status(503)).on("/stingy", Behaviour.status(503));
        narrow = origin("narrow").on("/narrow/hold", Behaviour.status(200).chunks(List.of("held,", "released"),
                Duration.ZERO).holdChunksAfterFirstUntil(release));
        gateway = TestGateway.start(config(true));
        view = new AdminUpstreams(gateway);
        traffic = new GatewayTraffic(gateway);
    }

    @AfterEach
    void stop() {
        release.complete(null);
        List<AutoCloseable> all = new ArrayList<>(List.of(held == null ? () -> { } : held, traffic, gateway));
        all.addAll(origins);
        TestResources.closeAll(all.toArray(AutoCloseable[]::new));
    }

    private TestOrigin origin(String name) {
        TestOrigin origin = TestOrigin.start(name);
        origins.add(origin);
        return origin;
    }

    private String config(boolean withNarrow) {
        return TestGateway.config(1, UPSTREAMS.formatted(unhealthy.authority(), ejected.authority(),
                healthy.authority(), guarded.authority(), flaky.authority())
                + (withNarrow ? NARROW.formatted(narrow.authority()) : "") + ROUTES
                + (withNarrow ? NARROW_ROUTE : ""));
    }

    /** Drives every upstream into the states the view and the metrics report; leaves one request held. */
    private void provokeEveryState() throws Exception {
        view.awaitHealth("app", unhealthy.authority(), "unhealthy");
        // The two endpoints left take turns: within two requests the ejected one answers 500 and is ejected.
        for (int i = 0; i < 2 && !view.health("app", ejected.authority()).equals("ejected"); i++) {
            traffic.get("/app/fail");
        }
        view.awaitHealth("app", ejected.authority(), "ejected");
        assertThat(traffic.get("/app/ok").status()).isEqualTo(200);

        assertThat(traffic.repeat("/guarded/fail", 2)).containsOnly(500);
        view.await("guarded's breaker open", upstreams ->
                AdminUpstreams.find(upstreams, "guarded").get("breaker").get("state").asText().equals("open"));
        RawResponse fallback = traffic.get("/guarded/refused");
        assertThat(fallback.status()).isEqualTo(200);
        assertThat(fallback.bodyText()).isEqualTo("fallback");

        assertThat(traffic.get("/retry").status()).isEqualTo(503);
        assertThat(traffic.get("/stingy").status()).isEqualTo(503);
        assertThat(flaky.requests()).hasSize(3);

        held = RawHttpClient.connect(gateway.port());
        held.write("GET /narrow/hold HTTP/1.1\r\nHost: x\r\n\r\n");
        narrow.awaitRequests(1, WAIT);
        RawResponse refused = traffic.get("/narrow/refused");
        assertThat(refused.status()).isEqualTo(503);
        assertThat(refused.bodyText()).contains("limit of active requests");
    }

    @Test
    void theViewShowsEveryDocumentedFieldWithItsLiveValue() throws Exception {
        provokeEveryState();
        JsonNode all = view.all();
        assertThat(all).extracting(upstream -> upstream.get("name").asText())
                .containsExactly("app", "guarded", "flaky", "narrow");
        for (JsonNode upstream : all) {
            assertThat(fieldNames(upstream)).as(upstream.toString()).containsExactly("name", "balancer", "panic",
                    "breaker", "limits", "counters", "endpoints");
            assertThat(fieldNames(upstream.get("limits"))).containsExactly("active", "max_active", "pending",
                    "max_pending", "connections", "max_connections");
            assertThat(fieldNames(upstream.get("counters"))).containsExactly("retries", "retry_budget_exhausted",
                    "ejections", "fallbacks", "refused_breaker_open", "refused_max_active", "refused_max_pending",
                    "refused_no_endpoint");
            for (JsonNode endpoint : upstream.get("endpoints")) {
                List<String> fields = new ArrayList<>(List.of("address", "weight", "health", "ejections",
                        "active_requests", "latency_ms"));
                if (endpoint.get("health").asText().equals("ejected")) {
                    fields.add(3, "ejected_for_ms");
                }
                assertThat(fieldNames(endpoint)).as(endpoint.toString()).containsExactlyElementsOf(fields);
            }
        }

        JsonNode app = AdminUpstreams.find(all, "app");
        assertThat(app.get("balancer").asText()).isEqualTo("round-robin");
        assertThat(app.get("panic").asBoolean()).isFalse();
        assertThat(app.get("breaker").isNull()).isTrue();
        assertThat(app.get("counters").get("ejections").asLong()).isEqualTo(1);
        JsonNode down = AdminUpstreams.endpointOf(app, unhealthy.authority());
        assertThat(down.get("health").asText()).isEqualTo("unhealthy");
        assertThat(down.get("weight").asInt()).isEqualTo(3);
        assertThat(down.get("latency_ms").isNull()).as("no request reached it").isTrue();
        JsonNode out = AdminUpstreams.endpointOf(app, ejected.authority());
        assertThat(out.get("health").asText()).isEqualTo("ejected");
        assertThat(out.get("ejections").asInt()).isEqualTo(1);
        assertThat(out.get("ejected_for_ms").asLong()).isBetween(1L, 300_000L);
        JsonNode up = AdminUpstreams.endpointOf(app, healthy.authority());
        assertThat(up.get("health").asText()).isEqualTo("healthy");
        assertThat(up.get("weight").asInt()).isEqualTo(1);
        assertThat(up.get("latency_ms").asDouble()).isPositive();

        JsonNode breaker = AdminUpstreams.find(all, "guarded").get("breaker");
        assertThat(fieldNames(breaker)).containsExactly("state", "requests", "failures", "slow", "times_opened",
                "open_for_ms");
        assertThat(breaker.get("state").asText()).isEqualTo("open");
        assertThat(breaker.get("requests").asLong()).isEqualTo(2);
        assertThat(breaker.get("failures").asLong()).isEqualTo(2);
        assertThat(breaker.get("slow").asLong()).isZero();
        assertThat(breaker.get("times_opened").asLong()).isEqualTo(1);
        assertThat(breaker.get("open_for_ms").asLong()).isBetween(1L, 300_000L);
        JsonNode guardedCounters = AdminUpstreams.find(all, "guarded").get("counters");
        assertThat(guardedCounters.get("refused_breaker_open").asLong()).isEqualTo(1);
        assertThat(guardedCounters.get("fallbacks").asLong()).isEqualTo(1);

        JsonNode flakyCounters = AdminUpstreams.find(all, "flaky").get("counters");
        assertThat(flakyCounters.get("retries").asLong()).isEqualTo(1);
        assertThat(flakyCounters.get("retry_budget_exhausted").asLong()).isEqualTo(1);

        JsonNode narrowed = AdminUpstreams.find(all, "narrow");
        assertThat(narrowed.get("limits").get("active").asInt()).isEqualTo(1);
        assertThat(narrowed.get("limits").get("max_active").asInt()).isEqualTo(1);
        assertThat(narrowed.get("limits").get("pending").asInt()).isZero();
        assertThat(narrowed.get("limits").get("max_pending").asInt()).isEqualTo(2);
        assertThat(narrowed.get("limits").get("connections").asInt()).isEqualTo(1);
        assertThat(narrowed.get("limits").get("max_connections").asInt()).isEqualTo(4);
        assertThat(narrowed.get("counters").get("refused_max_active").asLong()).isEqualTo(1);
        assertThat(AdminUpstreams.endpointOf(narrowed, narrow.authority()).get("active_requests").asInt())
                .isEqualTo(1);

        release.complete(null);
        RawResponse released = held.readResponse();
        assertThat(released.bodyText()).isEqualTo("held,released");
        view.await("narrow idle", upstreams -> AdminUpstreams.find(upstreams, "narrow").get("limits").get("active")
                .asInt() == 0);
        assertThat(view.endpoint("narrow", narrow.authority()).get("active_requests").asInt()).isZero();
    }

    @Test
    void metricsHaveEveryUpstreamSeries() throws Exception {
        provokeEveryState();
        MetricSamples metrics = MetricSamples.of(gateway);
        String app = "upstream=\"app\"";
        assertThat(metrics.value("gatehouse_upstream_endpoints", app, "health=\"healthy\"")).isEqualTo(1);
        assertThat(metrics.value("gatehouse_upstream_endpoints", app, "health=\"unhealthy\"")).isEqualTo(1);
        assertThat(metrics.value("gatehouse_upstream_endpoints", app, "health=\"ejected\"")).isEqualTo(1);
        assertThat(metrics.value("gatehouse_upstream_ejections_total", app)).isEqualTo(1);

        String guardedLabel = "upstream=\"guarded\"";
        assertThat(metrics.value("gatehouse_upstream_breaker_state", guardedLabel)).isEqualTo(1);
        assertThat(metrics.value("gatehouse_upstream_breaker_state", app)).isZero();
        assertThat(metrics.value("gatehouse_upstream_breaker_opened_total", guardedLabel)).isEqualTo(1);
        assertThat(metrics.value("gatehouse_upstream_refusals_total", guardedLabel, "reason=\"breaker_open\""))
                .isEqualTo(1);
        assertThat(metrics.value("gatehouse_upstream_fallbacks_total", guardedLabel)).isEqualTo(1);

        String flakyLabel = "upstream=\"flaky\"";
        assertThat(metrics.value("gatehouse_upstream_retries_total", flakyLabel)).isEqualTo(1);
        assertThat(metrics.value("gatehouse_upstream_retry_budget_exhausted_total", flakyLabel)).isEqualTo(1);

        String narrowLabel = "upstream=\"narrow\"";
        String endpoint = "endpoint=\"" + narrow.authority() + "\"";
        assertThat(metrics.value("gatehouse_upstream_refusals_total", narrowLabel, "reason=\"max_active\""))
                .isEqualTo(1);
        for (String reason : List.of("breaker_open", "max_pending", "no_endpoint")) {
            assertThat(metrics.value("gatehouse_upstream_refusals_total", narrowLabel, "reason=\"" + reason + "\""))
                    .as(reason).isZero();
        }
        assertThat(metrics.value("gatehouse_upstream_requests_active", narrowLabel)).isEqualTo(1);
        assertThat(metrics.value("gatehouse_upstream_pool_connections", narrowLabel, endpoint, "state=\"active\""))
                .isEqualTo(1);

        release.complete(null);
        assertThat(held.readResponse().status()).isEqualTo(200);
        view.await("narrow idle", upstreams -> AdminUpstreams.find(upstreams, "narrow").get("limits").get("active")
                .asInt() == 0);
        MetricSamples after = MetricSamples.of(gateway);
        assertThat(after.value("gatehouse_upstream_pool_connections", narrowLabel, endpoint, "state=\"idle\""))
                .isEqualTo(1);
        assertThat(after.value("gatehouse_upstream_pool_connections", narrowLabel, endpoint, "state=\"active\""))
                .isZero();
        assertThat(after.value("gatehouse_upstream_requests_active", narrowLabel)).isZero();
    }

    @Test
    void removingAnUpstreamByReloadRemovesItsSeriesAndItsEntry() throws Exception {
        provokeEveryState();
        release.complete(null);
        assertThat(held.readResponse().status()).isEqualTo(200);
        assertThat(MetricSamples.of(gateway).mentions("upstream=\"narrow\"")).isTrue();

        gateway.rewriteConfig(config(false));
        HttpResponse<String> reload = new AdminClient(gateway).post("/admin/reload");
        assertThat(reload.statusCode()).as(reload.body()).isEqualTo(200);

        assertThat(view.all()).extracting(upstream -> upstream.get("name").asText())
                .containsExactly("app", "guarded", "flaky");
        MetricSamples metrics = MetricSamples.of(gateway);
        assertThat(metrics.mentions("upstream=\"narrow\"")).as(metrics.toString()).isFalse();
        assertThat(metrics.mentions(narrow.authority())).isFalse();
        // The others keep their series and values.
        assertThat(metrics.value("gatehouse_upstream_breaker_opened_total", "upstream=\"guarded\"")).isEqualTo(1);
        assertThat(metrics.value("gatehouse_upstream_ejections_total", "upstream=\"app\"")).isEqualTo(1);
        narrow.awaitOpenConnections(0, WAIT);
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            names.add(it.next());
        }
        return names;
    }
}
