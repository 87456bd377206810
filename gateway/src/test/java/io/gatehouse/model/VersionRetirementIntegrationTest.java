package io.gatehouse.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.gatehouse.testing.AdminClient;
import io.gatehouse.testing.Behaviour;
import io.gatehouse.testing.Eventually;
import io.gatehouse.testing.LeakDetectionExtension;
import io.gatehouse.testing.MetricSamples;
import io.gatehouse.testing.RawHttpClient;
import io.gatehouse.testing.RawResponse;
import io.gatehouse.testing.RecordedRequest;
import io.gatehouse.testing.TestGateway;
import io.gatehouse.testing.TestOrigin;
import io.gatehouse.testing.TestResources;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Versions leaving desired state through the whole gateway: a reload that drops a managed version drains it and
 * unloads it on its backend (a scripted origin standing in for an Open Inference server), and the meters of every
 * version that is gone leave {@code /metrics} while those of versions that stay keep counting.
 */
@ExtendWith(LeakDetectionExtension.class)
class VersionRetirementIntegrationTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final String UNLOAD = "/v2/repository/models/lin/unload";
    private static final String OUTPUT = "{\"outputs\":[]}";

    private final CompletableFuture<Void> heldAnswer = new CompletableFuture<>();
    private TestOrigin backend;
    private TestGateway gateway;
    private AdminClient admin;

    @BeforeEach
    void start() {
        backend = TestOrigin.start("backend")
                .on("/v2/repository/models/lin/load", Behaviour.status(200).body("{}"))
                .on(UNLOAD, Behaviour.status(200).body("{}"))
                .on("/v2/models/lin/versions/1/infer", Behaviour.status(200).body(OUTPUT))
                .on("/v2/models/lin/versions/2/infer", Behaviour.sequence(
                        Behaviour.status(200).body(OUTPUT), Behaviour.status(200).body(OUTPUT),
                        Behaviour.status(200).body(OUTPUT).holdResponseUntil(heldAnswer)))
                .on("/v2/models/old/versions/1/infer", Behaviour.status(200).body(OUTPUT));
        for (String ready : List.of("lin/versions/1", "lin/versions/2", "old/versions/1")) {
            backend.on("/v2/models/" + ready + "/ready", Behaviour.status(200).body("{}"));
        }
        gateway = TestGateway.start(config("""
                  - name: lin
                    protocol: open-inference-v2
                    upstream: backend
                    versions: [ { version: "1" }, { version: "2" } ]
                    labels: { stable: "1" }
                    default: stable
                  - name: old
                    protocol: open-inference-v2
                    managed: false
                    upstream: backend
                    versions: [ { version: "1" } ]
                """));
        admin = new AdminClient(gateway);
        Eventually.await("every version AVAILABLE", WAIT, () -> available("lin", "1") && available("lin", "2")
                && available("old", "1"));
    }

    @AfterEach
    void stop() {
        heldAnswer.complete(null);
        TestResources.closeAll(gateway, backend);
    }

    private String config(String models) {
        return TestGateway.config(2, """
                upstreams:
                  backend: { endpoints: [ { address: "%s" } ] }
                model-registry: { reconcile-interval: 100ms, drain-timeout: 1m }
                models:
                %s
                model-apis:
                  open-inference-v2: { prefix: /v2 }
                """.formatted(backend.authority(), models));
    }

    private boolean available(String model, String version) {
        ModelView view = gateway.gateway().models().model(model);
        VersionView found = view == null ? null : view.versions().get(version);
        return found != null && found.available();
    }

    private RawResponse infer(String path) throws IOException {
        try (RawHttpClient client = RawHttpClient.connect(gateway.port())) {
            return client.write(head(path)).readResponse();
        }
    }

    private static String head(String path) {
        return "POST /v2/models/" + path + "/infer HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\n\r\n{}";
    }

    private double requests(String model, String version) {
        return MetricSamples.of(gateway).value("gatehouse_model_requests_total", "model=\"" + model + "\"",
                "version=\"" + version + "\"", "status=\"2xx\"");
    }

    private List<RecordedRequest> unloads() {
        return backend.requests().stream().filter(request -> request.path().equals(UNLOAD)).toList();
    }

    private void reload(String models) {
        gateway.rewriteConfig(config(models));
        HttpResponse<String> reload = admin.post("/admin/reload");
        assertThat(reload.statusCode()).as(reload.body()).isEqualTo(200);
    }

    @Test
    void aReloadThatDropsAVersionDrainsItUnloadsItOnItsBackendAndDropsItsMeters() throws Exception {
        for (String path : List.of("lin", "lin", "lin", "lin/versions/2", "lin/versions/2", "old")) {
            assertThat(infer(path).status()).isEqualTo(200);
        }
        MetricSamples before = MetricSamples.of(gateway);
        assertThat(before.value("gatehouse_model_requests_total", "model=\"lin\"", "version=\"2\"",
                "status=\"2xx\"")).isEqualTo(2);
        assertThat(before.mentions("model=\"old\"")).isTrue();

        VersionLoad queues = gateway.gateway().models().load();
        AtomicInteger drainPolls = new AtomicInteger();
        gateway.gateway().modelControl().activity(new VersionActivity() {
            @Override
            public long inFlight(String model, String version) {
                drainPolls.incrementAndGet();
                return queues.inFlight(model, version);
            }

            @Override
            public long queued(String model, String version) {
                return queues.queued(model, version);
            }
        });
        try (RawHttpClient held = RawHttpClient.connect(gateway.port())) {
            held.write(head("lin/versions/2"));
            Eventually.await("a request of version 2 in flight", WAIT, () -> queues.inFlight("lin", "2") == 1);
            reload("""
                      - name: lin
                        protocol: open-inference-v2
                        upstream: backend
                        versions: [ { version: "1" } ]
                        labels: { stable: "1" }
                        default: stable
                    """);
            assertThat(gateway.gateway().models().model("lin").versions()).containsOnlyKeys("1");
            assertThat(gateway.gateway().models().model("old")).isNull();
            assertThat(infer("lin/versions/2").status()).as("gone from the registry at once").isEqualTo(404);
            Eventually.await("the drain polled a few times", WAIT, () -> drainPolls.get() >= 3);
            assertThat(unloads()).as("the unload waits for the request in flight").isEmpty();

            heldAnswer.complete(null);
            assertThat(held.readResponse().status()).isEqualTo(200);
        }

        Eventually.await("version 2 unloaded on the backend", WAIT, () -> !unloads().isEmpty());
        RecordedRequest unload = unloads().get(0);
        assertThat(unload.method()).isEqualTo("POST");
        assertThat(unload.bodyCrc32()).isEqualTo(ControlRig.crc("{\"parameters\": {\"versions\": [\"2\"]}}"));
        Eventually.await("the meters of the versions that are gone removed", WAIT, () -> {
            MetricSamples after = MetricSamples.of(gateway);
            return !after.mentions("version=\"2\"") && !after.mentions("model=\"old\"");
        });
        assertThat(requests("lin", "1")).as("a version that stays keeps its counts").isEqualTo(3);
        assertThat(infer("lin").status()).isEqualTo(200);
        assertThat(requests("lin", "1")).isEqualTo(4);
        assertThat(unloads()).hasSize(1);
    }

    @Test
    void anAdminUnloadTakesTheVersionsMetersAlong() throws Exception {
        assertThat(infer("lin").status()).isEqualTo(200);
        assertThat(infer("lin/versions/2").status()).isEqualTo(200);
        assertThat(requests("lin", "2")).isEqualTo(1);

        HttpResponse<String> unloaded = admin.send(HttpRequest.newBuilder(
                gateway.adminUri("/admin/models/lin/versions/2")).DELETE());

        assertThat(unloaded.statusCode()).as(unloaded.body()).isEqualTo(200);
        Eventually.await("the meters of version 2 removed", WAIT,
                () -> !MetricSamples.of(gateway).mentions("version=\"2\""));
        assertThat(requests("lin", "1")).isEqualTo(1);
        assertThat(unloads()).hasSize(1);
    }
}
