package io.gatehouse.serving.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gatehouse.serving.ModelServer;
import io.gatehouse.serving.ServingConfig;
import io.gatehouse.serving.onnx.DemoModels;
import io.gatehouse.testing.AdminClient;
import io.gatehouse.testing.Eventually;
import io.gatehouse.testing.TestGateway;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The gateway's model control plane against the embedded model server in explicit control mode, which loads
 * nothing by itself: loads and unloads through the admin API, a failed load, a backend restart, a gateway restart.
 */
class ModelControlIntegrationTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration WAIT = Duration.ofSeconds(30);

    @TempDir
    Path directory;
    private Path repository;
    private ModelServer server;
    private TestGateway gateway;
    private AdminClient admin;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void startServer() throws Exception {
        repository = directory.resolve("models");
        DemoModels.writeMissing(repository);
        server = startServer(0);
    }

    @AfterEach
    void stop() {
        if (gateway != null) {
            gateway.close();
        }
        if (server != null) {
            server.close();
        }
    }

    @Test
    void versionsLoadAndUnloadThroughTheAdminApiAndTheServerReportsThem() throws Exception {
        startGateway();
        awaitState("1", "AVAILABLE");
        assertThat(serverStates()).containsExactly("linear/1=AVAILABLE");

        HttpResponse<String> load = admin.send(request("/admin/models/linear/versions/2", "POST", ""));
        assertThat(load.statusCode()).as(load.body()).isEqualTo(200);
        assertThat(JSON.readTree(load.body()).path("state").asText()).isEqualTo("AVAILABLE");
        assertThat(serverStates()).containsExactly("linear/1=AVAILABLE", "linear/2=AVAILABLE");

        HttpResponse<String> pinned = admin.send(request("/admin/models/linear/versions/1", "DELETE", null));
        assertThat(pinned.statusCode()).isEqualTo(409);
        assertThat(pinned.body()).contains("label 'stable'");
        HttpResponse<String> moved = admin.send(request("/admin/models/linear/labels/stable", "PUT",
                "{\"version\": \"2\"}"));
        assertThat(moved.statusCode()).as(moved.body()).isEqualTo(200);
        assertThat(JSON.readTree(moved.body()).path("labels").path("stable").asText()).isEqualTo("2");
        HttpResponse<String> unload = admin.send(request("/admin/models/linear/versions/1", "DELETE", null));
        assertThat(unload.statusCode()).as(unload.body()).isEqualTo(200);
        assertThat(serverStates()).containsExactly("linear/1=END", "linear/2=AVAILABLE");

        JsonNode model = JSON.readTree(admin.get("/admin/models/linear").body());
        assertThat(model.path("versions")).hasSize(1);
        JsonNode version = model.path("versions").get(0);
        assertThat(version.path("version").asText()).isEqualTo("2");
        assertThat(version.path("endpoints").get(0).path("ready").asBoolean()).isTrue();
        assertThat(admin.send(request("/admin/models/linear/traffic", "PUT", "{\"weights\": {\"nine\": 1}}"))
                .statusCode()).isEqualTo(400);
        assertThat(admin.get("/admin/models/nothing").statusCode()).isEqualTo(404);
    }

    @Test
    void aCorruptVersionEndsInEndWithTheServersErrorWhileVersionOneKeepsServing() throws Exception {
        Files.createDirectories(repository.resolve("linear/3"));
        Files.write(repository.resolve("linear/3/model.onnx"), new byte[] {1, 2, 3, 4, 5, 6, 7, 8});
        startGateway();
        awaitState("1", "AVAILABLE");

        HttpResponse<String> load = admin.send(request("/admin/models/linear/versions/3", "POST",
                "{\"upstream\": \"onnx\"}"));

        assertThat(load.statusCode()).as(load.body()).isEqualTo(502);
        assertThat(load.body()).contains("refused with 400");
        assertThat(versionState("3").path("state").asText()).isEqualTo("END");
        assertThat(versionState("3").path("error").asText()).contains("refused with 400").contains("3");
        assertThat(versionState("1").path("state").asText()).isEqualTo("AVAILABLE");
        assertThat(serverStates()).contains("linear/1=AVAILABLE");
    }

    @Test
    void aRestartedServerGetsItsVersionsLoadedAgain() throws Exception {
        startGateway();
        awaitState("1", "AVAILABLE");
        assertThat(admin.send(request("/admin/models/linear/versions/2", "POST", "")).statusCode()).isEqualTo(200);
        int port = server.port();

        server.close();
        server = startServer(port);
        assertThat(serverStates()).isEmpty();

        Eventually.await("the reconciler loads both versions again", WAIT,
                () -> serverStates().equals(List.of("linear/1=AVAILABLE", "linear/2=AVAILABLE")));
    }

    @Test
    void adminChangesSurviveAGatewayRestart() throws Exception {
        startGateway();
        awaitState("1", "AVAILABLE");
        assertThat(admin.send(request("/admin/models/linear/versions/2", "POST", "")).statusCode()).isEqualTo(200);
        assertThat(admin.send(request("/admin/models/linear/labels/stable", "PUT", "{\"version\": \"2\"}"))
                .statusCode()).isEqualTo(200);
        gateway.close();
        gateway = null;

        startGateway();

        awaitState("2", "AVAILABLE");
        JsonNode model = JSON.readTree(admin.get("/admin/models/linear").body());
        assertThat(model.path("labels").path("stable").asText()).isEqualTo("2");
        assertThat(Files.readString(directory.resolve("state.json"))).contains("\"stable\" : \"2\"");
    }

    @Test
    void aVersionAReloadDropsIsUnloadedFromTheServer() throws Exception {
        gateway = TestGateway.start(config("[ { version: \"1\" }, { version: \"2\" } ]"));
        admin = new AdminClient(gateway);
        awaitState("1", "AVAILABLE");
        awaitState("2", "AVAILABLE");
        assertThat(serverStates()).containsExactly("linear/1=AVAILABLE", "linear/2=AVAILABLE");

        gateway.rewriteConfig(config("[ { version: \"1\" } ]"));
        HttpResponse<String> reload = admin.post("/admin/reload");

        assertThat(reload.statusCode()).as(reload.body()).isEqualTo(200);
        Eventually.await("version 2 unloaded on the server", WAIT,
                () -> serverStates().equals(List.of("linear/1=AVAILABLE", "linear/2=END")));
        assertThat(JSON.readTree(admin.get("/admin/models/linear").body()).path("versions")).hasSize(1);
    }

    private ModelServer startServer(int port) throws InterruptedException {
        return ModelServer.start(ServingConfig.defaults(repository).withListener("127.0.0.1", port)
                .withThreads(1, 1, 8));
    }

    private void startGateway() {
        gateway = TestGateway.start(config("[ { version: \"1\" } ]"));
        admin = new AdminClient(gateway);
    }

    private String config(String versions) {
        return TestGateway.config(1, """
                upstreams:
                  onnx: { endpoints: [{ address: "127.0.0.1:%d" }] }
                routes:
                  - { name: direct, match: { prefix: /direct }, upstream: onnx }
                models:
                  - name: linear
                    protocol: open-inference-v2
                    upstream: onnx
                    versions: %s
                    labels: { stable: "1" }
                    default: stable
                model-registry:
                  state-file: %s
                  reconcile-interval: 200ms
                  load-timeout: 20s
                  drain-timeout: 2s
                """.formatted(server.port(), versions, directory.resolve("state.json")));
    }

    private void awaitState(String version, String state) {
        Eventually.await("version " + version + " " + state, WAIT,
                () -> state.equals(versionState(version).path("state").asText()));
    }

    private JsonNode versionState(String version) {
        try {
            for (JsonNode entry : JSON.readTree(admin.get("/admin/models/linear").body()).path("versions")) {
                if (entry.path("version").asText().equals(version)) {
                    return entry;
                }
            }
            return JSON.createObjectNode();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** {@code model/version=STATE} for every version the server knows of, from its repository index. */
    private List<String> serverStates() {
        try {
            HttpResponse<String> index = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                    + server.port() + "/v2/repository/index")).POST(HttpRequest.BodyPublishers.noBody()).build(),
                    HttpResponse.BodyHandlers.ofString());
            List<String> states = new ArrayList<>();
            for (JsonNode entry : JSON.readTree(index.body())) {
                if (entry.has("version") && entry.path("name").asText().equals("linear")) {
                    states.add("linear/" + entry.path("version").asText() + "=" + entry.path("state").asText());
                }
            }
            return states;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private HttpRequest.Builder request(String path, String method, String body) {
        return HttpRequest.newBuilder(gateway.adminUri(path)).method(method, body == null
                ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    }
}
