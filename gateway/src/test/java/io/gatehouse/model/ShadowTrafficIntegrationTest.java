package io.gatehouse.model;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
import java.io.IOException;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.zip.CRC32;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Shadow traffic through the gateway: one scripted origin answers for the primary versions, another for the
 * shadow versions, so the paths, bodies and counts each receives tell what was mirrored.
 */
@ExtendWith(LeakDetectionExtension.class)
class ShadowTrafficIntegrationTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final String OUTPUT = "{\"model_version\":\"1\",\"outputs\":[{\"name\":\"y\",\"data\":[0.25,4.0]}]}";
    private static final String BODY = "{\"inputs\":[{\"name\":\"x\",\"shape\":[2],\"datatype\":\"FP32\","
            + "\"data\":[1.5,2.5]}]}";

    private static final String EMBEDDING = "{\"object\":\"list\",\"data\":[{\"object\":\"embedding\","
            + "\"index\":0,\"embedding\":[0.125,-0.5]}],\"model\":\"embed-small\"}";

    private final CompletableFuture<Void> shadowGate = new CompletableFuture<>();
    private final CompletableFuture<Void> primaryGate = new CompletableFuture<>();
    private TestOrigin primary;
    private TestOrigin shadow;
    private TestGateway gateway;

    @BeforeEach
    void start() {
        primary = TestOrigin.start("primary");
        shadow = TestOrigin.start("shadow");
        for (String model : List.of("same", "drift", "hung", "loose", "slow")) {
            primary.on("/v2/models/" + model + "/versions/1/infer", Behaviour.status(200).body(OUTPUT));
        }
        primary.on("/v2/models/queued/versions/1/infer", Behaviour.sequence(
                Behaviour.status(200).body(OUTPUT).holdResponseUntil(primaryGate), Behaviour.status(200).body(OUTPUT)));
        shadow.on("/v2/models/queued/versions/2/infer", Behaviour.status(200).body(OUTPUT));
        shadow.on("/v2/models/same/versions/2/infer", Behaviour.status(200)
                .body("{\"model_version\":\"2\",\"outputs\":[{\"name\":\"y\",\"data\":[0.2500000001,4.0000001]}]}"))
                .on("/v2/models/drift/versions/2/infer", Behaviour.status(200)
                        .body("{\"model_version\":\"2\",\"outputs\":[{\"name\":\"y\",\"data\":[0.3,4.0]}]}"))
                .on("/v2/models/loose/versions/2/infer", Behaviour.status(200)
                        .body("{\"model_version\":\"2\",\"outputs\":[{\"name\":\"y\",\"data\":[0.3,4.0]}]}"))
                .on("/v2/models/hung/versions/2/infer", Behaviour.status(200).body(OUTPUT)
                        .holdResponseUntil(shadowGate))
                .on("/v2/models/slow/versions/2/infer", Behaviour.status(200).body(OUTPUT)
                        .holdResponseUntil(shadowGate));
        primary.on("/v1/embeddings", Behaviour.status(200).body(EMBEDDING));
        shadow.on("/v1/embeddings", Behaviour.status(200).body(EMBEDDING.replace("0.125", "0.1250000001")));
        StringBuilder models = new StringBuilder();
        Map<String, String> bounds = Map.of("same", ", max-body: 64KiB", "drift", "", "hung", ", max-in-flight: 4",
                "loose", ", tolerance: 0.2", "slow", ", timeout: 200ms");
        for (String model : List.of("same", "drift", "hung", "loose", "slow")) {
            models.append("""
                      - name: %s
                        protocol: open-inference-v2
                        upstream: primary
                        versions: [ { version: "1" }, { version: "2", upstream: shadow } ]
                        labels: { stable: "1", candidate: "2" }
                        default: stable
                        shadow: { version: candidate, percent: 100%s }
                    """.formatted(model, bounds.get(model)));
        }
        models.append("""
                  - name: queued
                    protocol: open-inference-v2
                    upstream: primary
                    versions: [ { version: "1" }, { version: "2", upstream: shadow } ]
                    default: "1"
                    queue: { max-in-flight: 1, max-queued: 1, timeout: 30s }
                    shadow: { version: "2", percent: 100 }
                  - name: embedder
                    protocol: openai
                    backend-name: embed-small
                    upstream: primary
                    versions: [ { version: "1" }, { version: "2", upstream: shadow } ]
                    default: "1"
                    shadow: { version: "2", percent: 100 }
                """);
        gateway = TestGateway.start(TestGateway.config(2, """
                upstreams:
                  primary: { endpoints: [ { address: "%s" } ] }
                  shadow: { endpoints: [ { address: "%s" } ] }
                model-registry: { reconcile-interval: 0s }   # the tests set version states themselves
                models:
                %s
                model-apis:
                  open-inference-v2: { prefix: /v2 }
                  openai: { prefix: /v1 }
                routes:
                  - { name: rest, match: { prefix: / }, upstream: primary }
                """.formatted(primary.authority(), shadow.authority(), models)));
        for (String model : List.of("same", "drift", "hung", "loose", "slow", "queued", "embedder")) {
            for (String version : List.of("1", "2")) {
                gateway.gateway().models().updateModel(model, view -> view.withVersion(
                        view.versions().get(version).withState(VersionState.AVAILABLE, null)));
            }
        }
    }

    @AfterEach
    void stop() {
        shadowGate.complete(null);
        primaryGate.complete(null);
        gateway.close();
        primary.close();
        shadow.close();
    }

    private RawResponse infer(String model, byte[] body) throws IOException {
        try (RawHttpClient client = RawHttpClient.connect(gateway.port())) {
            return client.write(head(model, body.length)).write(body).readResponse();
        }
    }

    private static String head(String model, int length) {
        return "POST /v2/models/" + model + "/infer?trace=1 HTTP/1.1\r\nHost: x\r\n"
                + "Content-Type: application/json\r\nContent-Length: " + length + "\r\n\r\n";
    }

    private RawResponse infer(String model) throws IOException {
        return infer(model, BODY.getBytes(StandardCharsets.UTF_8));
    }

    private JsonNode shadowView(String model) throws IOException {
        return new ObjectMapper().readTree(new AdminClient(gateway).get("/admin/models/" + model).body())
                .get("shadow");
    }

    private double shadowMetric(String model, String result) {
        return MetricSamples.of(gateway).value("gatehouse_model_shadow_total", "model=\"" + model + "\"",
                "version=\"2\"", "result=\"" + result + "\"");
    }

    private static long crc(byte[] bytes) {
        CRC32 crc = new CRC32();
        crc.update(bytes);
        return crc.getValue();
    }

    @Test
    void anOpenAiStyleCallIsMirroredWithTheBodyTheBackendGotAndItsNumbersCompared() throws Exception {
        byte[] body = "{\"model\":\"embedder\",\"input\":\"hello\"}".getBytes(StandardCharsets.UTF_8);
        try (RawHttpClient client = RawHttpClient.connect(gateway.port())) {
            RawResponse answer = client.write("POST /v1/embeddings HTTP/1.1\r\nHost: x\r\nContent-Type: "
                    + "application/json\r\nContent-Length: " + body.length + "\r\n\r\n").write(body).readResponse();
            assertThat(answer.status()).isEqualTo(200);
            assertThat(answer.bodyText()).isEqualTo(EMBEDDING);
        }

        RecordedRequest mirrored = shadow.awaitRequests(1, WAIT).get(0);
        assertThat(mirrored.uri()).isEqualTo("/v1/embeddings");
        // The body as the primary backend got it, its model field rewritten to the backend's name.
        byte[] rewritten = "{\"model\":\"embed-small\",\"input\":\"hello\"}".getBytes(StandardCharsets.UTF_8);
        assertThat(primary.requests().get(0).bodyCrc32()).isEqualTo(crc(rewritten));
        assertThat(mirrored.bodyCrc32()).isEqualTo(crc(rewritten));
        Eventually.await("agreement counted", WAIT, () -> shadowMetric("embedder", "agree") == 1);
        assertThat(shadowMetric("embedder", "disagree")).isZero();
    }

    @Test
    void theShadowGetsTheSameBodyAtItsOwnVersionPathAndAgreementIsCounted() throws Exception {
        RawResponse answer = infer("same");
        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.bodyText()).isEqualTo(OUTPUT);
        assertThat(answer.header("x-model-version")).isEqualTo("1");

        RecordedRequest mirrored = shadow.awaitRequests(1, WAIT).get(0);
        assertThat(mirrored.uri()).isEqualTo("/v2/models/same/versions/2/infer?trace=1");
        assertThat(mirrored.method()).isEqualTo("POST");
        assertThat(mirrored.header("content-type")).isEqualTo("application/json");
        assertThat(mirrored.bodyBytes()).isEqualTo(BODY.length());
        assertThat(mirrored.bodyCrc32()).isEqualTo(crc(BODY.getBytes(StandardCharsets.UTF_8)))
                .isEqualTo(primary.requests().get(0).bodyCrc32());
        Eventually.await("agreement counted", WAIT, () -> shadowMetric("same", "agree") == 1);
        assertThat(shadowMetric("same", "disagree")).isZero();
        JsonNode view = shadowView("same");
        assertThat(view.get("version").asText()).isEqualTo("candidate");
        assertThat(view.get("results").get("agree").asLong()).isEqualTo(1);
        assertThat(view.get("in_flight").asInt()).isZero();
    }

    @Test
    void aBodyThatArrivesWhileTheRequestWaitsInTheQueueIsMirroredWhole() throws Exception {
        VersionLoad load = gateway.gateway().models().load();
        String request = head("queued", BODY.length()) + BODY;
        try (RawHttpClient running = RawHttpClient.connect(gateway.port());
             RawHttpClient waiting = RawHttpClient.connect(gateway.port())) {
            running.write(request);
            primary.awaitRequests(1, WAIT);
            waiting.write(request);
            Eventually.await("queued", WAIT, () -> load.queued("queued", "1") == 1);
            primaryGate.complete(null);
            assertThat(running.readResponse().status()).isEqualTo(200);
            assertThat(waiting.readResponse().status()).isEqualTo(200);
        }
        long expected = crc(BODY.getBytes(StandardCharsets.UTF_8));
        assertThat(shadow.awaitRequests(2, WAIT)).extracting(RecordedRequest::bodyCrc32)
                .containsExactly(expected, expected);
        Eventually.await("agreement counted", WAIT, () -> shadowMetric("queued", "agree") == 2);
    }

    @Test
    void outputsThatDifferBeyondTheToleranceCountAsDisagreement() throws Exception {
        for (int i = 0; i < 3; i++) {
            assertThat(infer("drift").status()).isEqualTo(200);
        }
        Eventually.await("disagreement counted", WAIT, () -> shadowMetric("drift", "disagree") == 3);
        assertThat(shadowMetric("drift", "agree")).isZero();
        assertThat(shadowView("drift").get("results").get("disagree").asLong()).isEqualTo(3);
    }

    @Test
    void aShadowThatHoldsEveryRequestNeitherDelaysTheClientNorTakesMoreThanItsMaxInFlight() throws Exception {
        int requests = 50;
        CompletableFuture<List<Integer>> statuses = CompletableFuture.supplyAsync(() -> {
            Integer[] seen = new Integer[requests];
            for (int i = 0; i < requests; i++) {
                try {
                    seen[i] = infer("hung").status();
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }
            return Arrays.asList(seen);
        });
        // Every primary answer arrives while the shadow still holds every mirrored request it took.
        assertThat(statuses.get(30, TimeUnit.SECONDS)).hasSize(requests).containsOnly(200);
        assertThat(shadowGate).isNotDone();
        int places = 4;
        shadow.awaitRequests(places, WAIT);
        JsonNode view = shadowView("hung");
        assertThat(view.get("in_flight").asInt()).isEqualTo(places);
        assertThat(view.get("results").get("dropped").asLong()).isEqualTo(requests - places);
        assertThat(shadowMetric("hung", "dropped")).isEqualTo(requests - places);

        shadowGate.complete(null);
        Eventually.await("held mirrors answered", WAIT, () -> shadowMetric("hung", "agree") == places);
        assertThat(shadow.requests()).hasSize(places);
    }

    @Test
    void aBodyOverTheMaxBodyIsForwardedButNotMirrored() throws Exception {
        byte[] body = new byte[(64 << 10) + 1];
        Arrays.fill(body, (byte) ' ');
        body[0] = '{';
        body[body.length - 1] = '}';
        assertThat(infer("same", body).status()).isEqualTo(200);
        assertThat(primary.requests().get(0).bodyBytes()).isEqualTo(body.length);
        Eventually.await("counted as too large", WAIT, () -> shadowMetric("same", "too_large") == 1);
        assertThat(shadowView("same").get("in_flight").asInt()).isZero();

        assertThat(infer("same").status()).isEqualTo(200);
        assertThat(shadow.awaitRequests(1, WAIT).get(0).bodyBytes()).isEqualTo(BODY.length());
    }

    @Test
    void theToleranceIsTheModelsOwn() throws Exception {
        assertThat(infer("drift").status()).isEqualTo(200);
        assertThat(infer("loose").status()).isEqualTo(200);
        // The same outputs (0.25 against 0.3): within a tolerance of 0.2, beyond the default 1e-6.
        Eventually.await("both compared", WAIT, () -> shadowMetric("drift", "disagree") == 1
                && shadowMetric("loose", "agree") == 1);
        assertThat(shadowMetric("loose", "disagree")).isZero();
    }

    @Test
    void aShadowSlowerThanItsTimeoutCountsAsFailed() throws Exception {
        assertThat(infer("slow").status()).isEqualTo(200);
        Eventually.await("failed after the timeout", WAIT, () -> shadowMetric("slow", "failed") == 1);
        assertThat(shadowView("slow").get("in_flight").asInt()).isZero();
        assertThat(shadowMetric("slow", "agree")).isZero();
    }

    @Test
    void theAdminApiShowsAndSetsTheShadowsBounds() throws Exception {
        JsonNode configured = shadowView("hung");
        assertThat(configured.get("max_in_flight").asInt()).isEqualTo(4);
        assertThat(configured.get("max_body").asInt()).isEqualTo(1 << 20);
        assertThat(configured.get("tolerance").asDouble()).isEqualTo(1e-6);
        assertThat(configured.get("timeout").asText()).isEqualTo("10s");

        AdminClient admin = new AdminClient(gateway);
        var set = admin.send(HttpRequest.newBuilder(gateway.adminUri("/admin/models/drift/traffic"))
                .PUT(HttpRequest.BodyPublishers.ofString("{\"shadow\": {\"version\": \"2\", "
                        + "\"percent\": 100, \"max_body\": \"2MiB\", \"max_in_flight\": 2, \"tolerance\": 0.2, "
                        + "\"timeout\": \"3s\"}}")));
        assertThat(set.statusCode()).as(set.body()).isEqualTo(200);
        JsonNode shown = shadowView("drift");
        assertThat(shown.get("max_body").asInt()).isEqualTo(2 << 20);
        assertThat(shown.get("max_in_flight").asInt()).isEqualTo(2);
        assertThat(shown.get("tolerance").asDouble()).isEqualTo(0.2);
        assertThat(shown.get("timeout").asText()).isEqualTo("3s");
        assertThat(infer("drift").status()).isEqualTo(200);
        Eventually.await("compared with the new tolerance", WAIT, () -> shadowMetric("drift", "agree") == 1);

        var refused = admin.send(HttpRequest.newBuilder(gateway.adminUri("/admin/models/drift/traffic"))
                .PUT(HttpRequest.BodyPublishers.ofString("{\"shadow\": {\"version\": \"2\", "
                        + "\"percent\": 5, \"max_body\": 0, \"max_in_flight\": 0, \"tolerance\": 2, "
                        + "\"timeout\": \"0\"}}")));
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.body()).contains("shadow.max_body: expected a size from 1B to 64MiB, got 0")
                .contains("shadow.max_in_flight: expected 1 or more, got 0")
                .contains("shadow.tolerance: expected a relative difference from 0 to 1, like 1e-6, got 2.0")
                .contains("shadow.timeout: expected a duration above 0, got 0");
        var misspelt = admin.send(HttpRequest.newBuilder(gateway.adminUri("/admin/models/drift/traffic"))
                .PUT(HttpRequest.BodyPublishers.ofString("{\"shadow\": {\"version\": \"2\", "
                        + "\"percent\": 5, \"max-body\": \"2MiB\"}}")));
        assertThat(misspelt.statusCode()).isEqualTo(400);
        assertThat(misspelt.body()).contains("shadow.max-body: unknown, expected one of [version, percent, max_body,");
        assertThat(shadowView("drift").get("max_in_flight").asInt()).isEqualTo(2);
    }
}
