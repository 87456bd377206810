package io.gatehouse.serving;

import static io.gatehouse.serving.ModelServerIntegrationTest.B1;
import static io.gatehouse.serving.ModelServerIntegrationTest.B2;
import static io.gatehouse.serving.ModelServerIntegrationTest.W1;
import static io.gatehouse.serving.ModelServerIntegrationTest.W2;
import static org.assertj.core.api.Assertions.assertThat;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import com.fasterxml.jackson.databind.JsonNode;
import io.gatehouse.internal.NanoClock;
import io.gatehouse.serving.ServingClient.Answer;
import io.gatehouse.serving.onnx.DemoModels;
import io.gatehouse.testing.Eventually;
import io.gatehouse.testing.LeakDetectionExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Loading and unloading by version, version policies, failed loads, poll mode, draining unloads, a full queue. */
@ExtendWith(LeakDetectionExtension.class)
class ModelRepositoryIntegrationTest {

    private static final String INFER_X = "{\"inputs\": [{\"name\": \"x\", \"shape\": [1, 3], \"datatype\": \"FP32\","
            + " \"data\": [1, 1, 1]}]}";
    private static final String LOAD_1 = "{\"parameters\": {\"versions\": [\"1\"]}}";

    @TempDir
    Path repository;
    private ModelServer server;
    private ServingClient client;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private void start(ServingConfig config) throws InterruptedException {
        server = ModelServer.start(config.withListener("127.0.0.1", 0), false, NanoClock.SYSTEM);
        client = new ServingClient(server.port());
    }

    private void startExplicit() throws InterruptedException {
        start(ServingConfig.defaults(repository).withThreads(2, 1, 64));
    }

    private void writeLinear(String model, long... versions) throws Exception {
        for (long version : versions) {
            float scale = version;
            float[][] w = Arrays.stream(W1).map(row -> scaled(row, scale)).toArray(float[][]::new);
            DemoModels.linear(w, scaled(B1, scale)).writeTo(repository, model, version);
        }
    }

    private static float[] scaled(float[] values, float scale) {
        float[] copy = values.clone();
        for (int i = 0; i < copy.length; i++) {
            copy[i] *= scale;
        }
        return copy;
    }

    private List<String> available(String model) {
        return texts(client.get("/v2/models/" + model).body().path("versions"));
    }

    private static List<String> texts(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(node -> values.add(node.asText()));
        return values;
    }

    /** The index as "model:version:STATE" entries, or "model" for a model never loaded. */
    private List<String> index() {
        Answer index = client.post("/v2/repository/index");
        assertThat(index.status()).isEqualTo(200);
        List<String> entries = new ArrayList<>();
        for (JsonNode entry : index.body()) {
            entries.add(entry.has("version") ? entry.path("name").asText() + ":" + entry.path("version").asText()
                    + ":" + entry.path("state").asText() : entry.path("name").asText());
        }
        return entries;
    }

    @Test
    void loadAndUnloadByVersionMoveThroughTheStates() throws Exception {
        writeLinear("linear", 1, 2, 3);
        startExplicit();
        assertThat(index()).containsExactly("linear");

        assertThat(client.post("/v2/repository/models/linear/load").status()).isEqualTo(200);
        assertThat(index()).containsExactly("linear:3:AVAILABLE");
        assertThat(available("linear")).containsExactly("3");

        assertThat(client.post("/v2/repository/models/linear/load", LOAD_1).status()).isEqualTo(200);
        assertThat(available("linear")).containsExactly("1", "3");
        ServedVersion first = server.registry().serving("linear", 1L);
        Answer again = client.post("/v2/repository/models/linear/load", LOAD_1);
        assertThat(again.status()).isEqualTo(200);
        assertThat(server.registry().serving("linear", 1L)).as("loading an AVAILABLE version").isSameAs(first);

        Answer unload3 = client.post("/v2/repository/models/linear/unload", "{\"parameters\": {\"versions\": [3]}}");
        assertThat(unload3.status()).isEqualTo(200);
        assertThat(index()).containsExactly("linear:1:AVAILABLE", "linear:3:END");
        assertThat(client.post("/v2/models/linear/versions/3/infer", INFER_X).error())
                .isEqualTo("model 'linear' version 3 is not available (state END)");
        assertThat(client.post("/v2/models/linear/infer", INFER_X).body().path("model_version").asText())
                .isEqualTo("1");

        assertThat(client.post("/v2/repository/models/linear/unload").status()).isEqualTo(200);
        assertThat(index()).containsExactly("linear:1:END", "linear:3:END");
        Answer ready = client.get("/v2/models/linear/ready");
        assertThat(ready.status()).isEqualTo(400);
        assertThat(ready.error()).contains("is not ready", "END");
        assertThat(client.get("/v1/models/linear").body().path("model_version_status").findValuesAsText("state"))
                .containsOnly("END");

        assertThat(client.post("/v2/repository/models/nope/load").status()).isEqualTo(404);
        Answer missingVersion = client.post("/v2/repository/models/linear/load",
                "{\"parameters\": {\"versions\": [\"9\"]}}");
        assertThat(missingVersion.status()).isEqualTo(404);
        assertThat(missingVersion.error()).isEqualTo("model 'linear' has no version 9 in the repository (it has [1, 2, 3])");
        assertThat(client.post("/v2/repository/models/nope/unload").status()).isEqualTo(404);
        assertThat(client.post("/v2/repository/models/linear/load", "{\"parameters\": {\"versions\": [\"x\"]}}")
                .error()).isEqualTo("version 'x' is not a positive integer");
    }

    @Test
    void versionPoliciesChooseTheServedVersions() throws Exception {
        for (String model : List.of("latest2", "every", "picked", "plain")) {
            writeLinear(model, 1, 2, 3);
        }
        Files.writeString(repository.resolve("latest2/config.yaml"), "version-policy: { latest: 2 }\n");
        Files.writeString(repository.resolve("every/config.yaml"), "version-policy: { all: true }\n");
        Files.writeString(repository.resolve("picked/config.yaml"), "version-policy: { specific: [1, 3] }\n");
        startExplicit();
        for (String model : List.of("latest2", "every", "picked", "plain")) {
            assertThat(client.post("/v2/repository/models/" + model + "/load").status()).isEqualTo(200);
        }
        assertThat(available("latest2")).containsExactly("2", "3");
        assertThat(available("every")).containsExactly("1", "2", "3");
        assertThat(available("picked")).containsExactly("1", "3");
        assertThat(available("plain")).containsExactly("3");

        // Applying the policy again unloads what it no longer selects.
        Files.writeString(repository.resolve("every/config.yaml"), "version-policy: { latest: 1 }\n");
        assertThat(client.post("/v2/repository/models/every/load").status()).isEqualTo(200);
        assertThat(available("every")).containsExactly("3");

        Files.writeString(repository.resolve("plain/config.yaml"), "version-policy: { newest: 1 }\n");
        Answer bad = client.post("/v2/repository/models/plain/load");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.error()).contains("version-policy.newest: unknown policy");
        assertThat(available("plain")).containsExactly("3");
    }

    @Test
    void failedLoadsAreReportedWhileOtherVersionsServe() throws Exception {
        writeLinear("mixed", 1);
        TestModels.unknownOperator().writeTo(repository, "mixed", 2);
        Path v3 = DemoModels.linear(W2, B2).writeTo(repository, "mixed", 3);
        byte[] whole = Files.readAllBytes(v3);
        Files.write(v3, Arrays.copyOf(whole, whole.length / 2));
        TestModels.halfPrecision().writeTo(repository, "half", 1);
        startExplicit();

        Answer load = client.post("/v2/repository/models/mixed/load");
        assertThat(load.status()).isEqualTo(400);
        assertThat(load.error()).contains("model 'mixed' version 3 failed to load", "version 2 failed to load",
                "NoSuchOperator");
        assertThat(index()).containsExactly("half", "mixed:1:AVAILABLE", "mixed:2:END", "mixed:3:END");
        JsonNode reasons = client.post("/v2/repository/index").body();
        assertThat(reasons.get(1).path("reason").asText()).isEmpty();
        assertThat(reasons.get(2).path("reason").asText()).contains("NoSuchOperator");
        assertThat(reasons.get(3).path("reason").asText()).isNotEmpty();
        JsonNode status = client.get("/v1/models/mixed/versions/2").body().path("model_version_status").get(0);
        assertThat(status.path("status").path("error_code").asText()).isEqualTo("UNKNOWN");
        assertThat(client.post("/v2/models/mixed/infer", INFER_X).status()).isEqualTo(200);

        Answer explicit = client.post("/v2/repository/models/mixed/load", "{\"parameters\": {\"versions\": [\"3\"]}}");
        assertThat(explicit.status()).isEqualTo(400);
        assertThat(client.post("/v2/models/mixed/versions/1/infer", INFER_X).status()).isEqualTo(200);

        Answer half = client.post("/v2/repository/models/half/load");
        assertThat(half.status()).isEqualTo(400);
        assertThat(half.error()).contains("tensor 'h' has element type", "FLOAT16", "expected one of BOOL, INT32, INT64, FP32, FP64, BYTES");
    }

    @Test
    void pollModePicksUpAVersionOnlyOnceItsFileIsCompleteAndStable() throws Exception {
        writeLinear("linear", 1);
        start(ServingConfig.defaults(repository).withThreads(2, 1, 64)
                .withControl(ControlMode.POLL, Duration.ofSeconds(1)));
        assertThat(available("linear")).containsExactly("1");

        byte[] whole = DemoModels.linear(W2, B2).toBytes();
        Path v2 = Files.createDirectories(repository.resolve("linear/2")).resolve("model.onnx");
        Files.write(v2, Arrays.copyOf(whole, 40));
        server.poller().poll().join();
        assertThat(index()).containsExactly("linear:1:AVAILABLE");
        Files.write(v2, whole);
        server.poller().poll().join();
        assertThat(index()).as("a file that changed since the last poll").containsExactly("linear:1:AVAILABLE");
        server.poller().poll().join();
        assertThat(index()).containsExactly("linear:1:END", "linear:2:AVAILABLE");

        TestModels.unknownOperator().writeTo(repository, "linear", 3);
        server.poller().poll().join();
        server.poller().poll().join();
        server.poller().poll().join();
        assertThat(index()).containsExactly("linear:1:END", "linear:2:AVAILABLE", "linear:3:END");
        assertThat(client.post("/v2/models/linear/infer", INFER_X).body().path("model_version").asText())
                .isEqualTo("2");

        for (Path file : List.of(v2, repository.resolve("linear/3/model.onnx"))) {
            Files.delete(file);
        }
        server.poller().poll().join();
        assertThat(available("linear")).as("the only version left on disk").containsExactly("1");

        TestModels.stringIdentity().writeTo(repository, "strings", 1);
        server.poller().poll().join();
        server.poller().poll().join();
        assertThat(available("strings")).containsExactly("1");
    }

    @Test
    void unloadWaitsForRunsInFlightAndRefusesNewOnes() throws Exception {
        writeLinear("linear", 1);
        startExplicit();
        assertThat(client.post("/v2/repository/models/linear/load").status()).isEqualTo(200);
        ServedVersion served = server.registry().serving("linear", 1L);
        assertThat(served.acquire()).isTrue();

        CompletableFuture<Answer> unload = CompletableFuture.supplyAsync(
                () -> client.post("/v2/repository/models/linear/unload"));
        Eventually.await("version 1 unloading", Duration.ofSeconds(10),
                () -> server.registry().status("linear", 1) != null
                        && server.registry().status("linear", 1).state() == VersionState.UNLOADING);
        Answer refused = client.post("/v2/models/linear/infer", INFER_X);
        assertThat(refused.status()).isEqualTo(404);
        assertThat(unload).isNotDone();

        // The run holding the lease still has an open session.
        OrtEnvironment environment = OrtEnvironment.getEnvironment();
        try (OnnxTensor x = OnnxTensor.createTensor(environment, new float[][] {{1, 1, 1}});
             OrtSession.Result result = served.session().run(Map.of("x", x))) {
            assertThat(((float[][]) result.get(0).getValue())[0]).containsExactly(9.5f, 11.5f);
        }
        assertThat(unload).isNotDone();
        served.release();
        assertThat(unload.get().status()).isEqualTo(200);
        assertThat(server.registry().status("linear", 1).state()).isEqualTo(VersionState.END);
    }

    @Test
    void unloadUnderConcurrentInferenceNeverFailsARequest() throws Exception {
        writeLinear("linear", 1);
        startExplicit();
        assertThat(client.post("/v2/repository/models/linear/load").status()).isEqualTo(200);
        ExecutorService clients = Executors.newFixedThreadPool(4);
        try {
            List<Future<Integer>> statuses = new ArrayList<>();
            for (int i = 0; i < 120; i++) {
                statuses.add(clients.submit(() -> client.post("/v2/models/linear/infer", INFER_X).status()));
                if (i == 40) {
                    statuses.add(clients.submit(() -> client.post("/v2/repository/models/linear/unload").status()
                            == 200 ? 0 : -1));
                }
            }
            List<Integer> seen = new ArrayList<>();
            for (Future<Integer> status : statuses) {
                seen.add(status.get());
            }
            assertThat(seen).containsOnly(200, 404, 0).contains(0);
        } finally {
            clients.shutdown();
        }
        assertThat(client.post("/v2/models/linear/infer", INFER_X).status()).isEqualTo(404);
        assertThat(server.nativeValues().open()).isZero();
    }

    @Test
    void fullQueueAnswers503WithRetryAfter() throws Exception {
        writeLinear("linear", 1);
        start(ServingConfig.defaults(repository).withThreads(1, 1, 1).withModels(List.of("linear")));
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<Object> running = server.workers().submit(() -> {
            release.await();
            return null;
        });
        CompletableFuture<Object> queued = server.workers().submit(() -> null);
        try {
            Answer full = client.post("/v2/models/linear/infer", INFER_X);
            assertThat(full.status()).isEqualTo(503);
            assertThat(full.retryAfter()).isEqualTo("1");
            assertThat(full.error()).contains("queue is full");
        } finally {
            release.countDown();
        }
        running.get();
        queued.get();
        assertThat(client.post("/v2/models/linear/infer", INFER_X).status()).isEqualTo(200);
    }
}
