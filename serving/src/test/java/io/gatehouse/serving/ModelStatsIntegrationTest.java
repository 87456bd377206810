package io.gatehouse.serving;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.gatehouse.serving.ServingClient.Answer;
import io.gatehouse.serving.onnx.DemoModels;
import io.gatehouse.testing.LeakDetectionExtension;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The statistics extension over the demo models. The server's clock advances one microsecond per reading, and
 * requests go one at a time, so every duration is a known number of readings: queued, started on a worker, run
 * started, run ended, answer encoded.
 */
@ExtendWith(LeakDetectionExtension.class)
class ModelStatsIntegrationTest {

    private static final long TICK = 1_000;
    private static final String ONE_ROW = "{\"inputs\": [{\"name\": \"x\", \"shape\": [1, 3], \"datatype\": \"FP32\","
            + " \"data\": [1, 1, 1]}]}";

    private final AtomicLong now = new AtomicLong();
    private ModelServer server;
    private ServingClient client;

    @BeforeEach
    void start(@TempDir Path repository) throws Exception {
        DemoModels.writeMissing(repository);
        server = ModelServer.start(ServingConfig.defaults(repository).withListener("127.0.0.1", 0)
                .withThreads(1, 1, 8).withModels(DemoModels.NAMES), true, () -> now.addAndGet(TICK));
        client = new ServingClient(server.port());
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void countsSuccessesWithTheirPartsAndFailuresByVersion() {
        assertThat(client.post("/v2/models/linear/versions/1/infer", ONE_ROW).status()).isEqualTo(200);
        assertThat(client.post("/v1/models/linear/versions/1:predict", "{\"instances\": [[1, 0, 0]]}").status())
                .isEqualTo(200);
        assertThat(client.post("/v2/models/linear/versions/1/infer", ONE_ROW.replace("[1, 3]", "[3, 1]"))
                .status()).isEqualTo(400);

        Answer one = client.get("/v2/models/linear/versions/1/stats");

        assertThat(one.status()).isEqualTo(200);
        assertThat(one.body().path("model_stats")).hasSize(1);
        JsonNode version1 = one.body().path("model_stats").get(0);
        assertThat(version1.path("name").asText()).isEqualTo("linear");
        assertThat(version1.path("version").asText()).isEqualTo("1");
        JsonNode stats = version1.path("inference_stats");
        assertTally(stats, "success", 2, 2 * 4 * TICK);
        assertTally(stats, "queue", 2, 2 * TICK);
        assertTally(stats, "compute_input", 2, 2 * TICK);
        assertTally(stats, "compute_infer", 2, 2 * TICK);
        assertTally(stats, "compute_output", 2, 2 * TICK);
        // Queued, started, failed: the run never started.
        assertTally(stats, "fail", 1, 2 * TICK);
    }

    @Test
    void withoutAVersionListsEveryAvailableVersion() {
        assertThat(client.post("/v2/models/linear/infer", ONE_ROW).status()).isEqualTo(200);

        Answer all = client.get("/v2/models/linear/stats");

        assertThat(all.status()).isEqualTo(200);
        assertThat(all.body().path("model_stats").findValuesAsText("version")).containsExactly("1", "2");
        assertTally(all.body().path("model_stats").get(0).path("inference_stats"), "success", 0, 0);
        assertTally(all.body().path("model_stats").get(1).path("inference_stats"), "success", 1, 4 * TICK);
        assertThat(client.get("/v2").body().path("extensions").toString()).contains("statistics");
    }

    @Test
    void unknownModelsAndVersionsAreNotFound() {
        assertThat(client.get("/v2/models/nothing/stats").status()).isEqualTo(404);
        Answer missing = client.get("/v2/models/linear/versions/9/stats");
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.error()).contains("model 'linear' version 9 is not available");
        assertThat(client.post("/v2/models/linear/stats", "{}").status()).isEqualTo(405);
    }

    private static void assertTally(JsonNode stats, String name, long count, long nanos) {
        assertThat(stats.path(name).path("count").asLong()).as("%s.count in %s", name, stats).isEqualTo(count);
        assertThat(stats.path(name).path("ns").asLong()).as("%s.ns in %s", name, stats).isEqualTo(nanos);
    }
}
