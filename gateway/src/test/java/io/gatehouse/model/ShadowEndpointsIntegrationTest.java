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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Where mirrors go: the shadow version's upstream has two endpoints under active health checks, so which of them
 * receives the mirrored calls tells whether the mirror was picked the way the proxy picks, or at random.
 */
@ExtendWith(LeakDetectionExtension.class)
class ShadowEndpointsIntegrationTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final String INFER_2 = "/v2/models/lin/versions/2/infer";
    private static final String OUTPUT = "{\"outputs\":[{\"name\":\"y\",\"data\":[1.0]}]}";
    private static final String BODY = "{\"inputs\":[]}";

    private TestOrigin primary;
    private TestOrigin healthy;
    private TestOrigin sick;
    private TestGateway gateway;

    @BeforeEach
    void start() {
        primary = TestOrigin.start("primary").on("/v2/models/lin/versions/1/infer", Behaviour.status(200).body(OUTPUT));
        healthy = TestOrigin.start("healthy").on(INFER_2, Behaviour.status(200).body(OUTPUT))
                .on("/health", Behaviour.status(200));
        sick = TestOrigin.start("sick").on(INFER_2, Behaviour.status(200).body(OUTPUT))
                .on("/health", Behaviour.status(200));
        gateway = TestGateway.start(TestGateway.config(2, """
                upstreams:
                  primary: { endpoints: [ { address: "%s" } ] }
                  candidates:
                    balancer: round-robin
                    endpoints: [ { address: "%s" }, { address: "%s" } ]
                    health-check:
                      http: { path: /health, interval: 100ms, timeout: 100ms, healthy: 1, unhealthy: 2, jitter: 0 }
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
        return MetricSamples.of(gateway).value("gatehouse_model_shadow_total", "model=\"lin\"", "version=\"2\"",
                "result=\"agree\"");
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
}
