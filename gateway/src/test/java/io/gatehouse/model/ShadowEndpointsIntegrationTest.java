package io.gatehouse.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.gatehouse.testing.AdminUpstreams;
import io.gatehouse.testing.Behaviour;
import io.gatehouse.testing.Eventually;
import io.gatehouse.testing.LeakDetectionExtension;
import io.gatehouse.testing.MetricSamples;
import io.gatehouse.testing.RawHttpClient;
import io.gatehouse.testing.TestGateway;
import io.gatehouse.testing.TestOrigin;
import io.gatehouse.testing.TestResources;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Where mirrors go: the shadow version's upstream has two endpoints under active health checks, so which of them
 * receives the mirrored calls tells whether the mirror was picked the way the proxy picks, or at random. The
 * upstream also takes requests of its own through a route, up to {@code max-active: 1}, which mirrors yield to.
 */
@ExtendWith(LeakDetectionExtension.class)
class ShadowEndpointsIntegrationTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final String INFER_2 = "/v2/models/lin/versions/2/infer";
    private static final String OUTPUT = "{\"outputs\":[{\"name\":\"y\",\"data\":[1.0]}]}";
    private static final String BODY = "{\"inputs\":[]}";
    private static final String DIRECT = "/direct";

    private TestOrigin primary;
    private TestOrigin healthy;
    private TestOrigin sick;
    private TestGateway gateway;
    private final CompletableFuture<Void> release = new CompletableFuture<>();

    @BeforeEach
    void start() {
        primary = TestOrigin.start("primary").on("/v2/models/lin/versions/1/infer", Behaviour.status(200).body(OUTPUT));
        healthy = TestOrigin.start("healthy").on(INFER_2, Behaviour.status(200).body(OUTPUT))
                .on("/health", Behaviour.status(200)).on(DIRECT, Behaviour.status(200).holdResponseUntil(release));
        sick = TestOrigin.start("sick").on(INFER_2, Behaviour.status(200).body(OUTPUT))
                .on("/health", Behaviour.status(200)).on(DIRECT, Behaviour.status(200).holdResponseUntil(release));
        gateway = TestGateway.start(TestGateway.config(2, """
                upstreams:
                  primary: { endpoints: [ { address: "%s" } ] }
                  candidates:
                    balancer: round-robin
                    endpoints: [ { address: "%s" }, { address: "%s" } ]
                    health-check:
                      http: { path: /health, interval: 100ms, timeout: 100ms, healthy: 1, unhealthy: 2, jitter: 0 }
                    limits: { max-active: 1 }
                routes:
                  - { name: direct, match: { prefix: /direct }, upstream: candidates }
                model-registry: { reconcile-interval: 0s }   # the test sets version states itself
                models:
                  - name: lin
                    protocol: open-inference-v2
                    upstream: primary
                    versions: [ { version: "1" }, { version: "2", upstream: candidates } ]
                    default: "1"
                    shadow: { version: "2", percent: 100 }
                model-apis:
                  open-inference-v2: { prefix: /v2 }
                """.formatted(primary.authority(), healthy.authority(), sick.authority())));
        for (String version : new String[] {"1", "2"}) {
            gateway.gateway().models().updateModel("lin", view -> view.withVersion(
                    view.versions().get(version).withState(VersionState.AVAILABLE, null)));
        }
    }

    @AfterEach
    void stop() {
        release.complete(null);
        TestResources.closeAll(gateway, primary, healthy, sick);
    }

    private int infer() throws IOException {
        try (RawHttpClient client = RawHttpClient.connect(gateway.port())) {
            return client.write("POST /v2/models/lin/infer HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                    + "Content-Length: " + BODY.length() + "\r\n\r\n" + BODY).readResponse().status();
        }
    }

    private static long inferCalls(TestOrigin origin) {
        return origin.requests().stream().filter(request -> request.path().equals(INFER_2)).count();
    }

    private double agreed() {
        return shadowResults("agree");
    }

    private double shadowResults(String result) {
        return MetricSamples.of(gateway).value("gatehouse_model_shadow_total", "model=\"lin\"", "version=\"2\"",
                "result=\"" + result + "\"");
    }

    private double candidatesActive() {
        return MetricSamples.of(gateway).value("gatehouse_upstream_requests_active", "upstream=\"candidates\"");
    }

    @Test
    void mirrorsSpreadOverTheShadowUpstreamAndNeverGoToAnUnhealthyEndpoint() throws Exception {
        for (int i = 0; i < 4; i++) {
            assertThat(infer()).isEqualTo(200);
        }
        Eventually.await("four mirrors answered", WAIT, () -> agreed() == 4);
        assertThat(inferCalls(healthy)).as("round robin over both while both are healthy").isPositive();
        assertThat(inferCalls(sick)).isPositive();

        sick.on("/health", Behaviour.status(503));
        new AdminUpstreams(gateway).awaitHealth("candidates", sick.authority(), "unhealthy");
        long sickBefore = inferCalls(sick);
        long healthyBefore = inferCalls(healthy);
        for (int i = 0; i < 12; i++) {
            assertThat(infer()).isEqualTo(200);
        }

        Eventually.await("twelve more mirrors answered", WAIT, () -> agreed() == 16);
        assertThat(inferCalls(sick)).isEqualTo(sickBefore);
        assertThat(inferCalls(healthy)).isEqualTo(healthyBefore + 12);
    }

    @Test
    void anUpstreamAtItsMaxActiveGetsNoMirrorAndCountsNoRefusalForIt() throws Exception {
        assertThat(infer()).isEqualTo(200);
        Eventually.await("the first mirror answered", WAIT, () -> agreed() == 1);

        try (RawHttpClient held = RawHttpClient.connect(gateway.port())) {
            held.write("GET " + DIRECT + " HTTP/1.1\r\nHost: x\r\n\r\n");
            Eventually.await("the upstream's own request in flight", WAIT, () -> candidatesActive() == 1);

            assertThat(infer()).as("the primary answers all the same").isEqualTo(200);
            Eventually.await("the mirror not sent, counted as the shadow's failure", WAIT,
                    () -> shadowResults("failed") == 1);
            MetricSamples during = MetricSamples.of(gateway);
            for (String reason : new String[] {"max_active", "breaker_open", "max_pending", "no_endpoint"}) {
                assertThat(during.value("gatehouse_upstream_refusals_total", "upstream=\"candidates\"",
                        "reason=\"" + reason + "\"")).as(reason).isZero();
            }
            assertThat(during.value("gatehouse_upstream_requests_active", "upstream=\"candidates\""))
                    .as("the refused mirror took no slot").isEqualTo(1);

            release.complete(null);
            assertThat(held.readResponse().status()).isEqualTo(200);
        }
        Eventually.await("the upstream's own request over", WAIT, () -> candidatesActive() == 0);
        assertThat(infer()).isEqualTo(200);
        Eventually.await("mirrors go again once a slot is free", WAIT, () -> agreed() == 2);
        assertThat(shadowResults("failed")).isEqualTo(1);
        assertThat(inferCalls(healthy) + inferCalls(sick)).isEqualTo(2);
    }
}
