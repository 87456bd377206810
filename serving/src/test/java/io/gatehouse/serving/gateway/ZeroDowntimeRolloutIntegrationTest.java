package io.gatehouse.serving.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.gatehouse.serving.ModelServer;
import io.gatehouse.serving.ServingConfig;
import io.gatehouse.serving.onnx.DemoModels;
import io.gatehouse.testing.AdminClient;
import io.gatehouse.testing.Eventually;
import io.gatehouse.testing.TestGateway;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A version rollout under load with the real model server behind the gateway: while clients send inference requests
 * by model name without pause, version 2 is loaded, the {@code stable} label moves from 1 to 2, and version 1 is
 * unloaded. No request fails, and every request sent after the label call returned is answered by version 2 (the
 * versions' outputs differ: 9.5/11.5 against 19/25 for x = [1, 1, 1]).
 */
class ZeroDowntimeRolloutIntegrationTest {

    private static final String X = "{\"inputs\": [{\"name\": \"x\", \"shape\": [1, 3], \"datatype\": \"FP32\", "
            + "\"data\": [1, 1, 1]}]}";
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final int CLIENTS = 2;
    /** Requests each client sends after version 1 is gone, so the last phase is exercised too. */
    private static final int AFTER_UNLOAD = 50;

    /** One inference as a client saw it. */
    private record Answer(long sentNanos, int status, String version, String body) {
    }

    @TempDir
    Path directory;
    private ModelServer server;
    private TestGateway gateway;
    private final ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);

    @AfterEach
    void stop() throws InterruptedException {
        clients.shutdownNow();
        clients.awaitTermination(10, TimeUnit.SECONDS);
        if (gateway != null) {
            gateway.close();
        }
        if (server != null) {
            server.close();
        }
    }

    @Test
    void noRequestFailsAndEveryRequestAfterTheLabelMoveIsAnsweredByVersionTwo() throws Exception {
        Path repository = directory.resolve("models");
        DemoModels.writeMissing(repository);
        server = ModelServer.start(ServingConfig.defaults(repository).withListener("127.0.0.1", 0)
                .withThreads(1, 1, 64));
        gateway = TestGateway.start(TestGateway.config(2, """
                upstreams:
                  onnx: { endpoints: [{ address: "127.0.0.1:%d" }] }
                models:
                  - name: linear
                    protocol: open-inference-v2
                    upstream: onnx
                    versions: [ { version: "1" } ]
                    labels: { stable: "1" }
                    default: stable
                model-apis:
                  open-inference-v2: { prefix: /v2 }
                model-registry: { reconcile-interval: 200ms, load-timeout: 20s, drain-timeout: 5s }
                """.formatted(server.port())));
        AdminClient admin = new AdminClient(gateway);
        Eventually.await("version 1 available", WAIT,
                () -> admin.get("/admin/models/linear").body().contains("\"AVAILABLE\""));

        AtomicBoolean stopping = new AtomicBoolean();
        ConcurrentLinkedQueue<Answer> answers = new ConcurrentLinkedQueue<>();
        List<Future<?>> running = new ArrayList<>();
        for (int i = 0; i < CLIENTS; i++) {
            running.add(clients.submit(() -> infer(stopping, answers)));
        }
        Eventually.await("requests flowing", WAIT, () -> answers.size() >= 20);

        assertThat(admin.send(admin(gateway, "/admin/models/linear/versions/2", "POST", "")).statusCode())
                .isEqualTo(200);
        assertThat(admin.send(admin(gateway, "/admin/models/linear/labels/stable", "PUT", "{\"version\": \"2\"}"))
                .statusCode()).isEqualTo(200);
        long labelMoved = System.nanoTime();
        assertThat(admin.send(admin(gateway, "/admin/models/linear/versions/1", "DELETE", null)).statusCode())
                .isEqualTo(200);
        int atUnload = answers.size();
        Eventually.await("requests after the unload", WAIT,
                () -> answers.size() >= atUnload + CLIENTS * AFTER_UNLOAD);
        stopping.set(true);
        for (Future<?> client : running) {
            client.get(30, TimeUnit.SECONDS);
        }

        assertThat(answers).allSatisfy(answer -> assertThat(answer.status()).as(answer.body()).isEqualTo(200));
        List<Answer> afterMove = answers.stream().filter(answer -> answer.sentNanos() > labelMoved).toList();
        assertThat(afterMove).hasSizeGreaterThanOrEqualTo(CLIENTS * AFTER_UNLOAD);
        assertThat(afterMove).allSatisfy(answer -> {
            assertThat(answer.version()).isEqualTo("2");
            assertThat(answer.body()).contains("[19.0,25.0]");
        });
        assertThat(answers).anySatisfy(answer -> assertThat(answer.body()).contains("[9.5,11.5]"));
    }

    /** Sends inference requests by model name, one after another, until told to stop. */
    private void infer(AtomicBoolean stopping, ConcurrentLinkedQueue<Answer> answers) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(WAIT).build();
        URI uri = URI.create("http://127.0.0.1:" + gateway.port() + "/v2/models/linear/infer");
        while (!stopping.get()) {
            long sent = System.nanoTime();
            try {
                HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri).timeout(WAIT)
                        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(X))
                        .build(), HttpResponse.BodyHandlers.ofString());
                answers.add(new Answer(sent, response.statusCode(),
                        response.headers().firstValue("x-model-version").orElse(null), response.body()));
            } catch (java.io.IOException e) {
                answers.add(new Answer(sent, -1, null, e.toString()));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private static HttpRequest.Builder admin(TestGateway gateway, String path, String method, String body) {
        return HttpRequest.newBuilder(gateway.adminUri(path)).method(method, body == null
                ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    }
}
