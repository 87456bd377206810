package io.gatehouse.upstream;

import static org.assertj.core.api.Assertions.assertThat;

import io.gatehouse.testing.AdminUpstreams;
import io.gatehouse.testing.Behaviour;
import io.gatehouse.testing.GatewayTraffic;
import io.gatehouse.testing.LeakDetectionExtension;
import io.gatehouse.testing.MetricSamples;
import io.gatehouse.testing.RawResponse;
import io.gatehouse.testing.TestGateway;
import io.gatehouse.testing.TestOrigin;
import io.gatehouse.testing.TestResources;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * With too few endpoints available an upstream balances over all of them (panic mode), unless panic mode is
 * off, in which case a request finds no endpoint and gets the route's fallback or 503.
 */
@ExtendWith(LeakDetectionExtension.class)
class PanicModeIntegrationTest {

    private static final String FAILING_CHECK =
            "health-check: { http: { path: /health, interval: 100ms, timeout: 100ms, healthy: 1, unhealthy: 1 } }";

    private TestOrigin a;
    private TestOrigin b;
    private TestGateway gateway;
    private AdminUpstreams view;
    private GatewayTraffic traffic;

    @BeforeEach
    void startOrigins() {
        a = TestOrigin.start("a");
        b = TestOrigin.start("b");
    }

    @AfterEach
    void tearDown() {
        TestResources.closeAll(traffic, gateway, a, b);
    }

    private void start(String upstreamSettings, String routeSettings) {
        gateway = TestGateway.start(TestGateway.config(1, """
                upstreams:
                  app: { endpoints: [ { address: "%s" }, { address: "%s" } ], %s }
                routes:
                  - { name: app, match: { prefix: /app }, upstream: app%s }
                """.formatted(a.authority(), b.authority(), upstreamSettings, routeSettings)));
        view = new AdminUpstreams(gateway);
        traffic = new GatewayTraffic(gateway);
    }

    private void failEveryHealthCheck() {
        a.on("/health", Behaviour.status(503));
        b.on("/health", Behaviour.status(503));
        view.awaitHealth("app", a.authority(), "unhealthy");
        view.awaitHealth("app", b.authority(), "unhealthy");
    }

    @Test
    void withEveryEndpointUnhealthyTrafficStillFlowsToAllOfThem() {
        start(FAILING_CHECK, "");
        failEveryHealthCheck();
        view.await("panic mode", upstreams -> AdminUpstreams.find(upstreams, "app").get("panic").asBoolean());

        assertThat(traffic.statuses("/app/panic", 6)).containsOnly(200);
        assertThat(GatewayTraffic.received(a, "/app/panic")).isEqualTo(3);
        assertThat(GatewayTraffic.received(b, "/app/panic")).isEqualTo(3);
    }

    @Test
    void withEveryEndpointEjectedTrafficStillFlowsToAllOfThem() {
        a.on("/app/fail", Behaviour.status(500));
        b.on("/app/fail", Behaviour.status(500));
        start("outlier-detection: { consecutive-errors: 1, base-ejection: 5m, max-ejected: 100% }", "");
        assertThat(traffic.repeat("/app/fail", 2)).containsOnly(500);
        view.awaitHealth("app", a.authority(), "ejected");
        view.awaitHealth("app", b.authority(), "ejected");
        view.await("panic mode", upstreams -> AdminUpstreams.find(upstreams, "app").get("panic").asBoolean());

        assertThat(traffic.statuses("/app/panic", 4)).containsOnly(200);
        assertThat(GatewayTraffic.received(a, "/app/panic")).isEqualTo(2);
        assertThat(GatewayTraffic.received(b, "/app/panic")).isEqualTo(2);
    }

    @Test
    void withPanicModeOffAndNoEndpointAvailableTheRouteAnswers503() {
        start(FAILING_CHECK + ", panic-threshold: 0%", "");
        failEveryHealthCheck();
        assertThat(view.upstream("app").get("panic").asBoolean()).isFalse();

        List<RawResponse> responses = traffic.get("/app/none", 3);
        assertThat(responses).allSatisfy(response -> {
            assertThat(response.status()).isEqualTo(503);
            assertThat(response.bodyText()).contains("no endpoint of the upstream is available");
            assertThat(response.header("retry-after")).isEqualTo("1");
        });
        assertThat(GatewayTraffic.received(a, "/app") + GatewayTraffic.received(b, "/app")).isZero();
        assertThat(view.upstream("app").get("counters").get("refused_no_endpoint").asLong()).isEqualTo(3);
        assertThat(MetricSamples.of(gateway).value("gatehouse_upstream_refusals_total", "upstream=\"app\"",
                "reason=\"no_endpoint\"")).isEqualTo(3);
    }

    @Test
    void withPanicModeOffAndNoEndpointAvailableTheRoutesFallbackAnswers() {
        start(FAILING_CHECK + ", panic-threshold: 0%", ", fallback: { status: 200, body: degraded }");
        failEveryHealthCheck();

        List<RawResponse> responses = traffic.get("/app/none", 2);
        assertThat(responses).extracting(RawResponse::status).containsOnly(200);
        assertThat(responses).extracting(RawResponse::bodyText).containsOnly("degraded");
        assertThat(GatewayTraffic.received(a, "/app") + GatewayTraffic.received(b, "/app")).isZero();
        assertThat(view.upstream("app").get("counters").get("fallbacks").asLong()).isEqualTo(2);

        // One endpoint passing again is enough: panic mode never was the reason traffic stopped.
        a.on("/health", Behaviour.status(200));
        view.awaitHealth("app", a.authority(), "healthy");
        assertThat(traffic.get("/app/back", 2)).extracting(RawResponse::bodyText)
                .allSatisfy(body -> assertThat(body).contains("\"origin\":\"a\""));
    }
}
