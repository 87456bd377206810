package io.gatehouse.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.gatehouse.testing.Behaviour;
import io.gatehouse.testing.LeakDetectionExtension;
import io.gatehouse.testing.RawHttpClient;
import io.gatehouse.testing.RawResponse;
import io.gatehouse.testing.TestGateway;
import io.gatehouse.testing.TestOrigin;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** A model API's own timeouts bound its inference calls as a route's bound its requests. */
@ExtendWith(LeakDetectionExtension.class)
class ModelApiTimeoutsIntegrationTest {

    private static final String HELD = "/v2/models/slow/versions/1/infer";

    private final CompletableFuture<Void> gate = new CompletableFuture<>();
    private TestOrigin origin;
    private TestGateway gateway;

    @BeforeEach
    void start() {
        origin = TestOrigin.start().on(HELD, Behaviour.status(200).body("{}").holdResponseUntil(gate));
        gateway = TestGateway.start(TestGateway.config(1, """
                upstreams:
                  backend: { endpoints: [ { address: "%s" } ] }
                model-registry: { reconcile-interval: 0s }
                models:
                  - { name: slow, protocol: open-inference-v2, upstream: backend, versions: [ { version: "1" } ] }
                model-apis:
                  open-inference-v2: { prefix: /v2, timeouts: { response: 300ms } }
                """.formatted(origin.authority())));
        gateway.gateway().models().updateModel("slow", model -> model.withVersion(
                model.versions().get("1").withState(VersionState.AVAILABLE, null)));
    }

    @AfterEach
    void stop() {
        gate.complete(null);
        gateway.close();
        origin.close();
    }

    @Test
    void aBackendSlowerThanTheApisResponseTimeoutGets504InTheProtocolsShape() throws Exception {
        try (RawHttpClient client = RawHttpClient.connect(gateway.port())) {
            RawResponse response = client.write("POST /v2/models/slow/infer HTTP/1.1\r\nHost: x\r\n"
                    + "Content-Length: 2\r\n\r\n{}").readResponse();

            assertThat(response.status()).isEqualTo(504);
            assertThat(response.bodyText()).startsWith("{\"error\":");
        }
    }
}
