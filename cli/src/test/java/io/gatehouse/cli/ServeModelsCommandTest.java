package io.gatehouse.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gatehouse.serving.onnx.DemoModels;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code gatehouse serve-models}: its usage errors, and a real process that serves a model and stops on SIGTERM. */
class ServeModelsCommandTest {

    private static final Pattern SERVING_ON = Pattern.compile("serving models from .* on http://127\\.0\\.0\\.1:(\\d+)/v2");
    private static final Pattern SIGNALS = Pattern.compile("serving: SIGTERM");

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        return GatehouseCommand.execute(new PrintWriter(out, true), new PrintWriter(err, true), args);
    }

    @Test
    void usageErrorsAreOneLineAndExitTwo(@TempDir Path repo) {
        assertThat(run("serve-models")).isEqualTo(2);
        assertThat(err.toString()).contains("--repo");
        assertThat(run("serve-models", "--repo", repo.resolve("missing").toString())).isEqualTo(2);
        assertThat(err.toString()).contains("model repository not found");
        assertThat(run("serve-models", "--repo", repo.toString(), "--control", "sometimes")).isEqualTo(2);
        assertThat(err.toString()).contains("--control sometimes: expected explicit or poll");
        assertThat(run("serve-models", "--repo", repo.toString(), "--workers", "64", "--intra-op-threads", "64"))
                .isEqualTo(2);
        assertThat(err.toString()).contains("workers 64 x intra-op threads 64", "expected at most the");
        assertThat(err.toString().strip().lines()).hasSize(4);
    }

    @Test
    void servesItsOwnAndTheDemoModelsThenExitsZeroOnSigterm(@TempDir Path repo) throws Exception {
        DemoModels.linear(new float[][] {{1}, {2}}, new float[] {0.5f}).writeTo(repo, "mine", 1);
        try (GatehouseProcess process = GatehouseProcess.start("serve-models", "--repo", repo.toString(),
                "--port", "0", "--load", "mine", "--demo-models")) {
            assertThat(process.awaitLine(Pattern.compile("wrote demo models .*")).group())
                    .isEqualTo("wrote demo models linear, classifier into " + repo);
            int port = Integer.parseInt(process.awaitLine(SERVING_ON).group(1));
            assertThat(post(port, "/v1/models/mine:predict", "{\"instances\": [[1, 1]]}"))
                    .isEqualTo("{\"predictions\":[[3.5]]}");
            // The demo's linear model in both versions: 1 + 3 + 5 + 0.5 and 2 + 6 + 10 + 1 in the first output.
            assertThat(post(port, "/v1/models/linear/versions/1:predict", "{\"instances\": [[1, 1, 1]]}"))
                    .isEqualTo("{\"predictions\":[[9.5,11.5]]}");
            assertThat(post(port, "/v1/models/linear:predict", "{\"instances\": [[1, 1, 1]]}"))
                    .isEqualTo("{\"predictions\":[[19.0,25.0]]}");
            JsonNode classes = new ObjectMapper().readTree(post(port, "/v1/models/classifier:predict",
                    "{\"instances\": [[1, 2]]}")).path("predictions").get(0).path("probabilities");
            assertThat(classes.size()).isEqualTo(3);
            process.awaitLine(SIGNALS);
            assertThat(process.terminate()).isZero();
        }
    }

    private static String post(int port, String path, String json) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + port + path))
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as("status of %s: %s", path, response.body()).isEqualTo(200);
        return response.body();
    }
}
