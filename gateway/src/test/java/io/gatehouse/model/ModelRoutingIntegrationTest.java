package io.gatehouse.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.gatehouse.testing.Behaviour;
import io.gatehouse.testing.Eventually;
import io.gatehouse.testing.LeakDetectionExtension;
import io.gatehouse.testing.MetricSamples;
import io.gatehouse.testing.RawHttpClient;
import io.gatehouse.testing.RawResponse;
import io.gatehouse.testing.RecordedRequest;
import io.gatehouse.testing.TestGateway;
import io.gatehouse.testing.TestOrigin;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The model APIs in front of a scripted origin standing in for the backends: the paths it receives tell. */
@ExtendWith(LeakDetectionExtension.class)
class ModelRoutingIntegrationTest {

    private static final Duration WAIT = Duration.ofSeconds(5);
    private static final String HELD = "/v2/models/slow/versions/1/infer";
    private static final String HELD_TFS = "/v1/models/slow-tfs/versions/1:predict";

    private final CompletableFuture<Void> gate = new CompletableFuture<>();
    private TestOrigin origin;
    private TestGateway gateway;

    @BeforeEach
    void start() {
        origin = TestOrigin.start().on(HELD, Behaviour.status(200).body("{}").holdResponseUntil(gate))
                .on(HELD_TFS, Behaviour.status(200).body("{}").holdResponseUntil(gate));
        gateway = TestGateway.start(TestGateway.config(2, """
                upstreams:
                  backend: { endpoints: [ { address: "%s" } ] }
                model-registry: { reconcile-interval: 0s }   # the tests set version states themselves
                models:
                  - name: linear
                    protocol: open-inference-v2
                    backend-name: linear-onnx
                    upstream: backend
                    versions: [ { version: "1" }, { version: "2" }, { version: "3" } ]
                    labels: { stable: "1", canary: "2" }
                    default: stable
                    traffic: { stable: 50, canary: 50, sticky: "header:X-User" }
                  - name: slow
                    protocol: open-inference-v2
                    upstream: backend
                    versions: [ { version: "1" } ]
                    queue: { max-in-flight: 1, max-queued: 1, timeout: 30s }
                  - name: iris
                    protocol: tfserving
                    upstream: backend
                    versions: [ { version: "3" }, { version: "4" } ]
                    labels: { stable: "3" }
                  - { name: slow-tfs, protocol: tfserving, upstream: backend, versions: [ { version: "1" } ] }
                  - name: resnet
                    protocol: torchserve
                    backend-name: resnet-18
                    upstream: backend
                    versions: [ { version: "1.0" } ]
                model-apis:
                  open-inference-v2: { prefix: /v2 }
                  tfserving: { prefix: /tfs/v1, timeouts: { response: 1s } }
                  torchserve: { prefix: /predictions }
                routes:
                  - { name: rest, match: { prefix: / }, upstream: backend }
                """.formatted(origin.authority())));
        for (String[] available : new String[][] {{"linear", "1"}, {"linear", "2"}, {"slow", "1"}, {"iris", "3"},
            {"iris", "4"}, {"resnet", "1.0"}, {"slow-tfs", "1"}}) {
            gateway.gateway().models().updateModel(available[0], model -> model.withVersion(
                    model.versions().get(available[1]).withState(VersionState.AVAILABLE, null)));
        }
    }

    @AfterEach
    void stop() {
        gate.complete(null);
        gateway.close();
        origin.close();
    }

    private RawResponse send(String method, String target, String... headerLines) throws IOException {
        try (RawHttpClient client = RawHttpClient.connect(gateway.port())) {
            return client.write(request(method, target, headerLines)).readResponse();
        }
    }

    private static String request(String method, String target, String... headerLines) {
        StringBuilder text = new StringBuilder(method + " " + target + " HTTP/1.1\r\nHost: x\r\n");
        for (String line : headerLines) {
            text.append(line).append("\r\n");
        }
        return text.append("Content-Length: 2\r\n\r\n{}").toString();
    }

    private String lastPath() {
        List<RecordedRequest> requests = origin.requests();
        return requests.get(requests.size() - 1).uri();
    }

    @Test
    void aBackendSlowerThanTheApisOwnResponseTimeoutGets504InTheProtocolsShape() throws Exception {
        RawResponse response = send("POST", "/tfs/v1/models/slow-tfs:predict");

        assertThat(response.status()).isEqualTo(504);
        assertThat(response.bodyText()).startsWith("{\"error\":");
        assertThat(origin.requests()).extracting(RecordedRequest::uri).containsExactly(HELD_TFS);
    }

    @Test
    void openInferenceByVersionByNameAndByOverride() throws Exception {
        RawResponse byVersion = send("POST", "/v2/models/linear/versions/2/infer");
        assertThat(byVersion.status()).isEqualTo(200);
        assertThat(byVersion.header("x-model-version")).isEqualTo("2");
        assertThat(lastPath()).isEqualTo("/v2/models/linear-onnx/versions/2/infer");

        RawResponse byName = send("POST", "/v2/models/linear/infer?trace=1", "X-User: alice");
        String aliceVersion = byName.header("x-model-version");
        assertThat(aliceVersion).isIn("1", "2");
        assertThat(lastPath()).isEqualTo("/v2/models/linear-onnx/versions/" + aliceVersion + "/infer?trace=1");
        for (int i = 0; i < 5; i++) {
            assertThat(send("POST", "/v2/models/linear/infer", "X-User: alice").header("x-model-version"))
                    .isEqualTo(aliceVersion);
        }

        assertThat(send("POST", "/v2/models/linear/infer", "X-Model-Version: canary").header("x-model-version"))
                .isEqualTo("2");
        assertThat(send("GET", "/v2/models/linear/versions/1/ready").status()).isEqualTo(200);
        assertThat(lastPath()).isEqualTo("/v2/models/linear-onnx/versions/1/ready");
    }

    @Test
    void tfServingByLabelAndTorchServeByName() throws Exception {
        RawResponse predict = send("POST", "/tfs/v1/models/iris/labels/stable:predict");
        assertThat(predict.header("x-model-version")).isEqualTo("3");
        assertThat(lastPath()).isEqualTo("/v1/models/iris/versions/3:predict");
        // latest: the highest AVAILABLE version
        send("GET", "/tfs/v1/models/iris/metadata");
        assertThat(lastPath()).isEqualTo("/v1/models/iris/versions/4/metadata");

        RawResponse torch = send("POST", "/predictions/resnet");
        assertThat(torch.status()).isEqualTo(200);
        assertThat(lastPath()).isEqualTo("/predictions/resnet-18/1.0");
        send("PUT", "/predictions/resnet/1.0");
        assertThat(lastPath()).isEqualTo("/predictions/resnet-18/1.0");
    }

    @Test
    void unknownModelsAndVersionsAre404InEachProtocolsShape() throws Exception {
        RawResponse oip = send("POST", "/v2/models/nope/infer");
        assertThat(oip.status()).isEqualTo(404);
        assertThat(oip.header("content-type")).isEqualTo("application/json");
        assertThat(oip.bodyText()).isEqualTo("{\"error\":\"model \\\"nope\\\" not found\"}\n");
        assertThat(send("POST", "/v2/models/linear/versions/9/infer").bodyText())
                .isEqualTo("{\"error\":\"model \\\"linear\\\" has no version \\\"9\\\"\"}\n");
        assertThat(send("POST", "/tfs/v1/models/iris/labels/canary:predict").bodyText())
                .isEqualTo("{\"error\":\"model \\\"iris\\\" has no label \\\"canary\\\"\"}\n");
        // a model of another protocol is not served over this API
        assertThat(send("POST", "/tfs/v1/models/linear:predict").status()).isEqualTo(404);

        RawResponse torch = send("POST", "/predictions/nope");
        assertThat(torch.status()).isEqualTo(404);
        assertThat(torch.bodyText()).isEqualTo("{\"code\":404,\"type\":\"ModelNotFoundException\",\"message\":"
                + "\"model \\\"nope\\\" not found\"}\n");
        assertThat(send("GET", "/v2/models/linear/explain").status()).isEqualTo(404);
        assertThat(origin.requests()).isEmpty();
    }

    @Test
    void aVersionThatIsNotAvailableIs503WithRetryAfter() throws Exception {
        RawResponse response = send("POST", "/v2/models/linear/versions/3/infer");

        assertThat(response.status()).isEqualTo(503);
        assertThat(response.header("retry-after")).isEqualTo("1");
        assertThat(response.header("x-model-version")).isEqualTo("3");
        assertThat(response.bodyText()).isEqualTo("{\"error\":\"version 3 of model \\\"linear\\\" is START\"}\n");
        assertThat(origin.requests()).isEmpty();
    }

    @Test
    void healthIsAnsweredFromTheRegistry() throws Exception {
        RawResponse live = send("GET", "/v2/health/live");
        assertThat(live.status()).isEqualTo(200);
        assertThat(live.bodyText()).isEqualTo("{\"live\":true}\n");
        assertThat(send("GET", "/v2/health/ready").bodyText()).isEqualTo("{\"ready\":true}\n");

        gateway.gateway().models().updateModel("linear", model -> model.withVersion(
                model.versions().get("1").withState(VersionState.UNLOADING, null)));
        RawResponse notReady = send("GET", "/v2/health/ready");
        assertThat(notReady.status()).isEqualTo(503);
        assertThat(notReady.bodyText()).contains("model \\\"linear\\\" has no AVAILABLE default version");
        assertThat(origin.requests()).isEmpty();
    }

    @Test
    void theQueueBoundsInFlightAndQueuedRequestsAndReleasesAtTheEndOfEachExchange() throws Exception {
        VersionLoad load = gateway.gateway().models().load();
        try (RawHttpClient running = RawHttpClient.connect(gateway.port());
             RawHttpClient waiting = RawHttpClient.connect(gateway.port());
             RawHttpClient leaving = RawHttpClient.connect(gateway.port())) {
            running.write(request("POST", HELD));
            origin.awaitRequests(1, WAIT);
            waiting.write(request("POST", HELD));
            Eventually.await("queued", WAIT, () -> load.queued("slow", "1") == 1);

            RawResponse full = send("POST", HELD);
            assertThat(full.status()).isEqualTo(503);
            assertThat(full.header("retry-after")).isEqualTo("1");
            assertThat(full.bodyText()).contains("the queue of version 1 of model \\\"slow\\\" is full");

            waiting.close();
            Eventually.await("the queued request left", WAIT, () -> load.queued("slow", "1") == 0);
            leaving.write(request("POST", HELD));
            Eventually.await("queued again", WAIT, () -> load.queued("slow", "1") == 1);

            gate.complete(null);
            assertThat(running.readResponse().status()).isEqualTo(200);
            assertThat(leaving.readResponse().header("x-model-version")).isEqualTo("1");
            Eventually.await("all released", WAIT,
                    () -> load.inFlight("slow", "1") == 0 && load.queued("slow", "1") == 0);
        }
        MetricSamples metrics = MetricSamples.of(gateway);
        assertThat(metrics.value("gatehouse_model_requests_total", "model", "slow", "version", "1", "status", "2xx"))
                .isEqualTo(2);
        assertThat(metrics.value("gatehouse_model_requests_total", "model", "slow", "version", "1", "status", "5xx"))
                .isEqualTo(1);
        assertThat(metrics.value("gatehouse_model_in_flight", "model", "slow", "version", "1")).isZero();
    }

    @Test
    void aClientThatLeavesMidRequestReturnsItsSlot() throws Exception {
        VersionLoad load = gateway.gateway().models().load();
        try (RawHttpClient client = RawHttpClient.connect(gateway.port())) {
            client.write(request("POST", HELD));
            origin.awaitRequests(1, WAIT);
            assertThat(load.inFlight("slow", "1")).isEqualTo(1);
        }
        Eventually.await("slot returned", WAIT, () -> load.inFlight("slow", "1") == 0);
    }

    @Test
    void theAdminApiListsTheGeneratedRoutes() throws Exception {
        com.fasterxml.jackson.databind.JsonNode routes = new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(new io.gatehouse.testing.AdminClient(gateway).get("/admin/routes").body());
        com.fasterxml.jackson.databind.JsonNode oip = java.util.stream.StreamSupport.stream(routes.spliterator(), false)
                .filter(route -> route.get("name").asText().equals("model-api:open-inference-v2")).findFirst()
                .orElseThrow();
        assertThat(oip.get("match").get("prefix").asText()).isEqualTo("/v2");
        assertThat(oip.get("upstream").isNull()).isTrue();
        assertThat(oip.get("filters").toString())
                .isEqualTo("[{\"name\":\"model\",\"phase\":\"transform\",\"order\":-100,\"position\":0,"
                        + "\"timeout\":\"10s\"}]");
        // The user's catch-all comes after every model API: longer prefixes first.
        assertThat(routes.get(routes.size() - 1).get("name").asText()).isEqualTo("rest");
    }
}
