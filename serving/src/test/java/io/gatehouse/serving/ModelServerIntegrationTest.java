package io.gatehouse.serving;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import io.gatehouse.serving.ServingClient.Answer;
import io.gatehouse.serving.onnx.DemoModels;
import io.gatehouse.testing.LeakDetectionExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The Open Inference Protocol v2 and TF Serving REST APIs over generated models, on a real server on loopback. */
@ExtendWith(LeakDetectionExtension.class)
class ModelServerIntegrationTest {

    static final float[][] W1 = {{1, 2}, {3, 4}, {5, 6}};
    static final float[] B1 = {0.5f, -0.5f};
    static final float[][] W2 = {{2, 4}, {6, 8}, {10, 12}};
    static final float[] B2 = {1, 1};
    static final float[][] CLASSIFIER_W = {{1, 0, -1}, {0, 1, 1}};
    static final float[] CLASSIFIER_B = {0, 0.5f, 0};

    @TempDir
    static Path repository;
    static ModelServer server;
    static ServingClient client;

    @BeforeAll
    static void start() throws Exception {
        DemoModels.linear(W1, B1).writeTo(repository, "linear", 1);
        DemoModels.linear(W2, B2).writeTo(repository, "linear", 2);
        Files.writeString(repository.resolve("linear/config.yaml"), "version-policy: { all: true }\n");
        DemoModels.classifier(CLASSIFIER_W, CLASSIFIER_B).writeTo(repository, "classifier", 1);
        TestModels.typedIdentity().writeTo(repository, "types", 1);
        TestModels.stringIdentity().writeTo(repository, "strings", 1);
        server = ModelServer.start(ServingConfig.defaults(repository).withListener("127.0.0.1", 0)
                .withThreads(2, 1, 64).withMaxBodyBytes(64 * 1024)
                .withModels(List.of("linear", "classifier", "types", "strings")));
        client = new ServingClient(server.port());
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static float[] linear(float[][] w, float[] b, float... x) {
        float[] y = b.clone();
        for (int j = 0; j < y.length; j++) {
            for (int i = 0; i < x.length; i++) {
                y[j] += x[i] * w[i][j];
            }
        }
        return y;
    }

    static void assertFloats(JsonNode data, float... expected) {
        assertThat(data.size()).as("elements of %s", data).isEqualTo(expected.length);
        for (int i = 0; i < expected.length; i++) {
            assertThat(data.get(i).floatValue()).as("element %d of %s", i, data).isCloseTo(expected[i], within(1e-5f));
        }
    }

    static float[] concat(float[]... parts) {
        List<Float> all = new ArrayList<>();
        for (float[] part : parts) {
            for (float value : part) {
                all.add(value);
            }
        }
        float[] flat = new float[all.size()];
        for (int i = 0; i < flat.length; i++) {
            flat[i] = all.get(i);
        }
        return flat;
    }

    @Test
    void serverMetadataAndHealth() {
        Answer metadata = client.get("/v2");
        assertThat(metadata.status()).isEqualTo(200);
        assertThat(metadata.body().path("name").asText()).isEqualTo("gatehouse");
        assertThat(metadata.body().path("extensions").toString()).contains("model_repository");
        assertThat(client.get("/v2/health/live").status()).isEqualTo(200);
        assertThat(client.get("/v2/health/ready").status()).isEqualTo(200);
    }

    @Test
    void modelMetadataListsTensorsWithDynamicDimensions() {
        Answer all = client.get("/v2/models/linear");
        assertThat(all.status()).isEqualTo(200);
        assertThat(all.body().path("versions").toString()).isEqualTo("[\"1\",\"2\"]");
        assertThat(all.body().path("platform").asText()).isEqualTo("onnxruntime_onnx");
        JsonNode input = all.body().path("inputs").get(0);
        assertThat(input.path("name").asText()).isEqualTo("x");
        assertThat(input.path("datatype").asText()).isEqualTo("FP32");
        assertThat(input.path("shape").toString()).isEqualTo("[-1,3]");
        JsonNode output = all.body().path("outputs").get(0);
        assertThat(output.path("name").asText()).isEqualTo("y");
        assertThat(output.path("shape").toString()).isEqualTo("[-1,2]");

        Answer one = client.get("/v2/models/linear/versions/1");
        assertThat(one.body().path("versions").toString()).isEqualTo("[\"1\"]");
        Answer types = client.get("/v2/models/types");
        assertThat(types.body().path("inputs").findValuesAsText("datatype"))
                .containsExactlyInAnyOrder("INT64", "BOOL", "FP64", "INT32");
    }

    @Test
    void readinessByModelAndVersion() {
        assertThat(client.get("/v2/models/linear/ready").status()).isEqualTo(200);
        assertThat(client.get("/v2/models/linear/versions/2/ready").body().path("ready").asBoolean()).isTrue();
        Answer unknownVersion = client.get("/v2/models/linear/versions/9/ready");
        assertThat(unknownVersion.status()).isEqualTo(404);
        assertThat(unknownVersion.error()).contains("version 9");
        assertThat(client.get("/v2/models/nope/ready").status()).isEqualTo(404);
    }

    @Test
    void inferWithFlatDataByVersion() {
        Answer answer = client.post("/v2/models/linear/versions/1/infer", """
                {"id": "r1", "inputs": [{"name": "x", "shape": [2, 3], "datatype": "FP32",
                  "data": [1, 1, 1, 1, 0, 0]}]}""");
        assertThat(answer.status()).as(answer.body().toString()).isEqualTo(200);
        assertThat(answer.body().path("id").asText()).isEqualTo("r1");
        assertThat(answer.body().path("model_name").asText()).isEqualTo("linear");
        assertThat(answer.body().path("model_version").asText()).isEqualTo("1");
        JsonNode y = answer.body().path("outputs").get(0);
        assertThat(y.path("name").asText()).isEqualTo("y");
        assertThat(y.path("datatype").asText()).isEqualTo("FP32");
        assertThat(y.path("shape").toString()).isEqualTo("[2,2]");
        assertFloats(y.path("data"), concat(linear(W1, B1, 1, 1, 1), linear(W1, B1, 1, 0, 0)));
    }

    @Test
    void inferWithNestedDataUsesTheLatestVersion() {
        Answer answer = client.post("/v2/models/linear/infer", """
                {"inputs": [{"name": "x", "shape": [2, 3], "datatype": "FP32", "data": [[1, 1, 1], [1, 0, 0]]}]}""");
        assertThat(answer.status()).as(answer.body().toString()).isEqualTo(200);
        assertThat(answer.body().path("model_version").asText()).isEqualTo("2");
        assertFloats(answer.body().path("outputs").get(0).path("data"),
                concat(linear(W2, B2, 1, 1, 1), linear(W2, B2, 1, 0, 0)));
    }

    @Test
    void requestedOutputsOnly() {
        Answer answer = client.post("/v2/models/classifier/infer", """
                {"inputs": [{"name": "x", "shape": [1, 2], "datatype": "FP32", "data": [1, 2]}],
                 "outputs": [{"name": "probabilities"}]}""");
        assertThat(answer.status()).as(answer.body().toString()).isEqualTo(200);
        JsonNode outputs = answer.body().path("outputs");
        assertThat(outputs.size()).isEqualTo(1);
        assertThat(outputs.get(0).path("name").asText()).isEqualTo("probabilities");
        float[] logits = linear(CLASSIFIER_W, CLASSIFIER_B, 1, 2);
        double sum = 0;
        for (int i = 0; i < logits.length; i++) {
            logits[i] = Math.max(0, logits[i]);
            sum += Math.exp(logits[i]);
        }
        float[] expected = new float[logits.length];
        for (int i = 0; i < logits.length; i++) {
            expected[i] = (float) (Math.exp(logits[i]) / sum);
        }
        assertFloats(outputs.get(0).path("data"), expected);

        Answer both = client.post("/v2/models/classifier/infer", """
                {"inputs": [{"name": "x", "shape": [1, 2], "datatype": "FP32", "data": [1, 2]}]}""");
        assertThat(both.body().path("outputs").findValuesAsText("name")).containsExactly("logits", "probabilities");
    }

    @Test
    void integerBooleanAndDoubleTensorsRoundTrip() {
        Answer answer = client.post("/v2/models/types/infer", """
                {"inputs": [
                  {"name": "i64", "shape": [1, 2], "datatype": "INT64", "data": [9007199254740993, -2]},
                  {"name": "flag", "shape": [2, 1], "datatype": "BOOL", "data": [true, false]},
                  {"name": "f64", "shape": [1, 1], "datatype": "FP64", "data": [0.1]},
                  {"name": "i32", "shape": [1, 3], "datatype": "INT32", "data": [[1, -2, 2147483647]]}]}""");
        assertThat(answer.status()).as(answer.body().toString()).isEqualTo(200);
        JsonNode outputs = answer.body().path("outputs");
        assertThat(outputs.get(0).path("data").toString()).isEqualTo("[9007199254740993,-2]");
        assertThat(outputs.get(0).path("datatype").asText()).isEqualTo("INT64");
        assertThat(outputs.get(1).path("data").toString()).isEqualTo("[true,false]");
        assertThat(outputs.get(1).path("shape").toString()).isEqualTo("[2,1]");
        assertThat(outputs.get(2).path("data").get(0).doubleValue()).isEqualTo(0.1);
        assertThat(outputs.get(3).path("data").toString()).isEqualTo("[1,-2,2147483647]");
    }

    @Test
    void bytesTensorsRoundTrip() {
        Answer answer = client.post("/v2/models/strings/infer", """
                {"inputs": [{"name": "text", "shape": [2], "datatype": "BYTES", "data": ["héllo", "world"]}]}""");
        assertThat(answer.status()).as(answer.body().toString()).isEqualTo(200);
        assertThat(answer.body().path("outputs").get(0).path("data").toString()).isEqualTo("[\"héllo\",\"world\"]");
        assertThat(answer.body().path("outputs").get(0).path("datatype").asText()).isEqualTo("BYTES");
    }

    @Test
    void wrongRequestsAreRefusedNamingTheInputAndTheExpectation() {
        assertRefused("/v2/models/linear/infer",
                "{\"inputs\": [{\"name\": \"x\", \"shape\": [1, 3], \"datatype\": \"INT64\", \"data\": [1, 2, 3]}]}",
                400, "input 'x' has datatype INT64, expected FP32");
        assertRefused("/v2/models/linear/infer",
                "{\"inputs\": [{\"name\": \"x\", \"shape\": [2, 2], \"datatype\": \"FP32\", \"data\": [1, 2, 3, 4]}]}",
                400, "input 'x' has shape [2, 2], expected [-1, 3]");
        assertRefused("/v2/models/linear/infer",
                "{\"inputs\": [{\"name\": \"x\", \"shape\": [1, 3], \"datatype\": \"FP32\", \"data\": [1, 2]}]}",
                400, "input 'x' has 2 elements, expected 3");
        assertRefused("/v2/models/linear/infer",
                "{\"inputs\": [{\"name\": \"x\", \"shape\": [1, 3], \"datatype\": \"FP32\", \"data\": [1, \"a\", 2]}]}",
                400, "input 'x' element 1 is \"a\", expected a value of datatype FP32");
        assertRefused("/v2/models/linear/infer",
                "{\"inputs\": [{\"name\": \"z\", \"shape\": [1], \"datatype\": \"FP32\", \"data\": [1]}]}",
                400, "model 'linear' has no input 'z' (inputs: x)");
        assertRefused("/v2/models/types/infer",
                "{\"inputs\": [{\"name\": \"i64\", \"shape\": [1, 1], \"datatype\": \"INT64\", \"data\": [1]}]}",
                400, "is missing");
        assertRefused("/v2/models/linear/infer",
                "{\"inputs\": [{\"name\": \"x\", \"shape\": [1, 3], \"datatype\": \"FP32\", \"data\": [1, 2, 3]}],"
                        + " \"outputs\": [{\"name\": \"nope\"}]}",
                400, "model 'linear' has no output 'nope' (outputs: y)");
        assertRefused("/v2/models/linear/infer", "{not json", 400, "not valid JSON");
        assertRefused("/v2/models/linear/infer", "{}", 400, "no \"inputs\"");
        assertRefused("/v2/models/nope/infer", "{}", 404, "model 'nope' has no version available");
        assertRefused("/v2/models/linear/versions/7/infer", "{}", 404, "model 'linear' version 7 is not available");
        assertRefused("/v2/nothing/here", "{}", 404, "no endpoint at /v2/nothing/here");
        assertThat(client.get("/v2/models/linear/infer").status()).isEqualTo(405);
    }

    private static void assertRefused(String path, String body, int status, String message) {
        Answer answer = client.post(path, body);
        assertThat(answer.status()).as(answer.body().toString()).isEqualTo(status);
        assertThat(answer.error()).contains(message);
    }

    @Test
    void bodyOverTheCapIs413() {
        String big = "{\"inputs\": [], \"pad\": \"" + "x".repeat(70 * 1024) + "\"}";
        Answer answer = client.post("/v2/models/linear/infer", big);
        assertThat(answer.status()).isEqualTo(413);
        assertThat(answer.error()).contains("65536 bytes");
    }

    @Test
    void tfServingStatusAndMetadata() {
        Answer status = client.get("/v1/models/linear");
        assertThat(status.status()).isEqualTo(200);
        assertThat(status.body().path("model_version_status").findValuesAsText("version")).containsExactly("1", "2");
        assertThat(status.body().path("model_version_status").findValuesAsText("state"))
                .containsOnly("AVAILABLE");
        assertThat(client.get("/v1/models/linear/versions/2").body().path("model_version_status").size()).isEqualTo(1);
        assertThat(client.get("/v1/models/nope").status()).isEqualTo(404);

        Answer metadata = client.get("/v1/models/linear/versions/1/metadata");
        assertThat(metadata.status()).isEqualTo(200);
        assertThat(metadata.body().path("model_spec").path("version").asText()).isEqualTo("1");
        JsonNode x = metadata.body().at("/metadata/signature_def/signature_def/serving_default/inputs/x");
        assertThat(x.path("dtype").asText()).isEqualTo("DT_FLOAT");
        assertThat(x.at("/tensor_shape/dim").findValuesAsText("size")).containsExactly("-1", "3");
    }

    @Test
    void tfServingPredictRowAndColumnar() {
        Answer rows = client.post("/v1/models/linear/versions/1:predict", "{\"instances\": [[1, 1, 1], [1, 0, 0]]}");
        assertThat(rows.status()).as(rows.body().toString()).isEqualTo(200);
        assertFloats(rows.body().path("predictions").get(0), linear(W1, B1, 1, 1, 1));
        assertFloats(rows.body().path("predictions").get(1), linear(W1, B1, 1, 0, 0));

        Answer columns = client.post("/v1/models/linear:predict", "{\"inputs\": {\"x\": [[0, 1, 0]]}}");
        assertThat(columns.status()).as(columns.body().toString()).isEqualTo(200);
        assertFloats(columns.body().path("outputs").get(0), linear(W2, B2, 0, 1, 0));

        Answer bare = client.post("/v1/models/linear:predict", "{\"inputs\": [[0, 0, 1]]}");
        assertFloats(bare.body().path("outputs").get(0), linear(W2, B2, 0, 0, 1));

        Answer named = client.post("/v1/models/classifier:predict", "{\"instances\": [{\"x\": [1, 2]}]}");
        assertThat(named.status()).as(named.body().toString()).isEqualTo(200);
        JsonNode prediction = named.body().path("predictions").get(0);
        assertThat(prediction.has("logits")).isTrue();
        assertThat(prediction.path("probabilities").size()).isEqualTo(3);

        Answer wrong = client.post("/v1/models/linear:predict", "{\"instances\": [[1, 1]]}");
        assertThat(wrong.status()).isEqualTo(400);
        assertThat(wrong.error()).isEqualTo("input 'x' has shape [1, 2], expected [-1, 3] (-1: any size)");
        Answer ragged = client.post("/v1/models/linear:predict", "{\"instances\": [[1, 1, 1], [1]]}");
        assertThat(ragged.status()).isEqualTo(400);
        assertThat(ragged.error()).contains("ragged");
    }

    @Test
    void concurrentInferenceClosesEveryNativeValue() throws Exception {
        long openedBefore = server.nativeValues().openedCount();
        ExecutorService clients = Executors.newFixedThreadPool(4);
        try {
            List<Future<Integer>> statuses = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                String body = i % 10 == 0
                        ? "{\"inputs\": [{\"name\": \"x\", \"shape\": [1, 3], \"datatype\": \"FP32\", \"data\": [1, 2]}]}"
                        : "{\"inputs\": [{\"name\": \"x\", \"shape\": [1, 3], \"datatype\": \"FP32\", \"data\": ["
                                + i + ", 0, 0]}]}";
                int row = i;
                statuses.add(clients.submit(() -> {
                    Answer answer = client.post("/v2/models/linear/versions/1/infer", body);
                    if (answer.status() == 200) {
                        assertFloats(answer.body().path("outputs").get(0).path("data"), linear(W1, B1, row, 0, 0));
                    }
                    return answer.status();
                }));
            }
            for (int i = 0; i < statuses.size(); i++) {
                assertThat(statuses.get(i).get()).isEqualTo(i % 10 == 0 ? 400 : 200);
            }
        } finally {
            clients.shutdown();
        }
        // Each successful run opens one input tensor and one result.
        assertThat(server.nativeValues().openedCount() - openedBefore).isGreaterThanOrEqualTo(2 * 180);
        assertThat(server.nativeValues().open()).isZero();
    }
}
