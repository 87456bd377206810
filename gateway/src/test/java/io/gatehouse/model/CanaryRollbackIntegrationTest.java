package io.gatehouse.model;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gatehouse.testing.AdminClient;
import io.gatehouse.testing.Behaviour;
import io.gatehouse.testing.Eventually;
import io.gatehouse.testing.LeakDetectionExtension;
import io.gatehouse.testing.MetricSamples;
import io.gatehouse.testing.RawHttpClient;
import io.gatehouse.testing.RawResponse;
import io.gatehouse.testing.TestGateway;
import io.gatehouse.testing.TestOrigin;
import java.io.IOException;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Two versions of a model behind their own origins, the canary's failing every other request: the gateway's own
 * check drops the canary's weight to 0, and requests then go to the stable version only.
 */
@ExtendWith(LeakDetectionExtension.class)
class CanaryRollbackIntegrationTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final String CANARY_PATH = "/v2/models/linear/versions/2/infer";

    private TestOrigin stable;
    private TestOrigin canary;
    private TestGateway gateway;

    @BeforeEach
    void start() {
        stable = TestOrigin.start("stable");
        Behaviour[] halfFailing = new Behaviour[400];
        for (int i = 0; i < halfFailing.length; i++) {
            halfFailing[i] = Behaviour.status(i % 2 == 0 ? 500 : 200).body("{}");
        }
        canary = TestOrigin.start("canary").on(CANARY_PATH, Behaviour.sequence(halfFailing));
        gateway = TestGateway.start(TestGateway.config(2, """
                upstreams:
                  stable-backend: { endpoints: [ { address: "%s" } ] }
                  canary-backend: { endpoints: [ { address: "%s" } ] }
                model-registry: { reconcile-interval: 0s }   # the test sets version states itself
                models:
                  - name: linear
                    protocol: open-inference-v2
                    versions: [ { version: "1", upstream: stable-backend }, { version: "2", upstream: canary-backend } ]
                    labels: { stable: "1", canary: "2" }
                    default: stable
                    traffic: { stable: 50, canary: 50, sticky: "header:X-User" }
                    rollback: { error-rate-margin: 10%%, latency-margin: 1000%%, window: 10s, min-requests: 20 }
                model-apis:
                  open-inference-v2: { prefix: /v2 }
                """.formatted(stable.authority(), canary.authority())));
        for (String version : new String[] {"1", "2"}) {
            gateway.gateway().models().updateModel("linear", model -> model.withVersion(
                    model.versions().get(version).withState(VersionState.AVAILABLE, null)));
        }
    }

    @AfterEach
    void stop() {
        gateway.close();
        stable.close();
        canary.close();
    }

    private RawResponse infer(String user) throws IOException {
        try (RawHttpClient client = RawHttpClient.connect(gateway.port())) {
            return client.write("POST /v2/models/linear/infer HTTP/1.1\r\nHost: x\r\nX-User: " + user
                    + "\r\nContent-Length: 2\r\n\r\n{}").readResponse();
        }
    }

    @Test
    void aCanaryFailingHalfItsRequestsIsRolledBackAndTheStableVersionTakesAllTraffic() throws Exception {
        Map<String, Integer> answeredBy = new HashMap<>();
        for (int i = 0; i < 120; i++) {
            answeredBy.merge(infer("user-" + i).header("x-model-version"), 1, Integer::sum);
        }
        assertThat(answeredBy.getOrDefault("2", 0)).isGreaterThanOrEqualTo(20);

        Eventually.await("the canary's weight drops to 0", WAIT,
                () -> gateway.gateway().models().model("linear").traffic().weights().get("canary") == 0);

        int canaryRequests = canary.requests().size();
        for (int i = 0; i < 60; i++) {
            RawResponse response = infer("user-" + i);
            assertThat(response.status()).isEqualTo(200);
            assertThat(response.header("x-model-version")).isEqualTo("1");
        }
        assertThat(canary.requests()).hasSize(canaryRequests);
        assertThat(gateway.gateway().models().model("linear").traffic().weights()).containsEntry("stable", 50);

        JsonNode model = new ObjectMapper().readTree(new AdminClient(gateway).get("/admin/models/linear").body());
        assertThat(model.get("traffic").get("weights").get("canary").asInt()).isZero();
        JsonNode rollback = model.get("last_rollback");
        assertThat(rollback.get("version").asText()).isEqualTo("2");
        assertThat(rollback.get("reason").asText()).startsWith("error rate ").contains("against 0.0% on the stable");
        assertThat(rollback.get("at").asText()).isNotEmpty();
        assertThat(MetricSamples.of(gateway).value("gatehouse_model_rollbacks_total", "model", "linear", "version",
                "2")).isEqualTo(1.0);
    }
}
