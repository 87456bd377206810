package io.gatehouse.serving.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.gatehouse.model.VersionState;
import io.gatehouse.serving.ModelServer;
import io.gatehouse.serving.ServingConfig;
import io.gatehouse.serving.onnx.DemoModels;
import io.gatehouse.testing.LeakDetectionExtension;
import io.gatehouse.testing.RawHttpClient;
import io.gatehouse.testing.RawResponse;
import io.gatehouse.testing.TestGateway;
import io.gatehouse.testing.TestOrigin;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The gateway's model APIs in front of the embedded model server (demo model {@code linear}: version 1 answers
 * x = [1, 1, 1] with [9.5, 11.5], version 2 with [19, 25]) and of a scripted origin in TorchServe's place.
 */
@ExtendWith(LeakDetectionExtension.class)
class ModelGatewayIntegrationTest {

    private static final String X = "{\"inputs\": [{\"name\": \"x\", \"shape\": [1, 3], \"datatype\": \"FP32\", "
            + "\"data\": [1, 1, 1]}]}";

    @TempDir
    static Path repository;
    static ModelServer server;
    static TestOrigin torchServe;
    static TestGateway gateway;

    @BeforeAll
    static void start() throws Exception {
        DemoModels.writeMissing(repository);
        server = ModelServer.start(ServingConfig.defaults(repository).withListener("127.0.0.1", 0)
                .withThreads(1, 1, 16).withModels(List.of("linear")));
        torchServe = TestOrigin.start();
        gateway = TestGateway.start(TestGateway.config(1, """
                upstreams:
                  onnx: { endpoints: [ { address: "127.0.0.1:%d" } ] }
                  torch: { endpoints: [ { address: "%s" } ] }
                model-registry: { reconcile-interval: 0s }   # the tests set version states themselves
                models:
                  - name: linear
                    protocol: open-inference-v2
                    upstream: onnx
                    versions: [ { version: "1" }, { version: "2" }, { version: "3" } ]
                    labels: { stable: "1", canary: "2" }
                    default: stable
                  - name: linear-tfs
                    protocol: tfserving
                    backend-name: linear
                    upstream: onnx
                    versions: [ { version: "1" }, { version: "2" } ]
                    labels: { stable: "2" }
                    default: stable
                  - name: resnet
                    protocol: torchserve
                    backend-name: resnet-18
                    upstream: torch
                    versions: [ { version: "1.0" } ]
                model-apis:
                  open-inference-v2: { prefix: /v2 }
                  tfserving: { prefix: /tfs/v1 }
                  torchserve: { prefix: /predictions }
                """.formatted(server.port(), torchServe.authority())));
        // The control plane would mark them once the backend reports them ready.
        for (String[] available : new String[][] {{"linear", "1"}, {"linear", "2"}, {"linear-tfs", "1"},
            {"linear-tfs", "2"}, {"resnet", "1.0"}}) {
            gateway.gateway().models().updateModel(available[0], model -> model.withVersion(
                    model.versions().get(available[1]).withState(VersionState.AVAILABLE, null)));
        }
    }

    @AfterAll
    static void stop() {
        gateway.close();
        torchServe.close();
        server.close();
    }

    private static RawResponse post(String path, String body) throws Exception {
        try (RawHttpClient client = RawHttpClient.connect(gateway.port(), Duration.ofSeconds(30))) {
            int length = body.getBytes(StandardCharsets.UTF_8).length;
            return client.write("POST " + path + " HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                    + "Content-Length: " + length + "\r\n\r\n" + body).readResponse();
        }
    }

    @Test
    void openInferenceByNameGoesToTheDefaultLabelsVersion() throws Exception {
        RawResponse response = post("/v2/models/linear/infer", X);

        assertThat(response.status()).as(response.bodyText()).isEqualTo(200);
        assertThat(response.header("x-model-version")).isEqualTo("1");
        assertThat(response.bodyText()).contains("\"model_version\":\"1\"").contains("[9.5,11.5]");
    }

    @Test
    void openInferenceByVersion() throws Exception {
        RawResponse response = post("/v2/models/linear/versions/2/infer", X);

        assertThat(response.status()).as(response.bodyText()).isEqualTo(200);
        assertThat(response.header("x-model-version")).isEqualTo("2");
        assertThat(response.bodyText()).contains("[19.0,25.0]");
    }

    @Test
    void tfServingPredictByLabel() throws Exception {
        RawResponse response = post("/tfs/v1/models/linear-tfs/labels/stable:predict",
                "{\"instances\": [[1, 1, 1]]}");

        assertThat(response.status()).as(response.bodyText()).isEqualTo(200);
        assertThat(response.header("x-model-version")).isEqualTo("2");
        assertThat(response.bodyText()).contains("[[19.0,25.0]]");
    }

    @Test
    void torchServeStylePathsMapToTheBackendsVersion() throws Exception {
        RawResponse response = post("/predictions/resnet", "{}");

        assertThat(response.status()).isEqualTo(200);
        assertThat(torchServe.awaitRequests(1, Duration.ofSeconds(5)).get(0).uri())
                .isEqualTo("/predictions/resnet-18/1.0");
    }

    @Test
    void unknownModelsAre404AndUnavailableVersions503InEachProtocolsShape() throws Exception {
        RawResponse unknown = post("/v2/models/nope/infer", X);
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.bodyText()).isEqualTo("{\"error\":\"model \\\"nope\\\" not found\"}\n");

        RawResponse notLoaded = post("/v2/models/linear/versions/3/infer", X);
        assertThat(notLoaded.status()).isEqualTo(503);
        assertThat(notLoaded.header("retry-after")).isEqualTo("1");
        assertThat(notLoaded.bodyText()).isEqualTo("{\"error\":\"version 3 of model \\\"linear\\\" is START\"}\n");

        RawResponse tfUnknownLabel = post("/tfs/v1/models/linear-tfs/labels/canary:predict", "{}");
        assertThat(tfUnknownLabel.status()).isEqualTo(404);
        assertThat(tfUnknownLabel.bodyText()).startsWith("{\"error\":");

        RawResponse torchUnknown = post("/predictions/resnet/9.9", "{}");
        assertThat(torchUnknown.status()).isEqualTo(404);
        assertThat(torchUnknown.bodyText()).isEqualTo("{\"code\":404,\"type\":\"ModelNotFoundException\","
                + "\"message\":\"model \\\"resnet\\\" has no version or label \\\"9.9\\\"\"}\n");
    }
}
