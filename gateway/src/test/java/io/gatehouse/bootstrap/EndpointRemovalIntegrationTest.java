package io.gatehouse.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import io.gatehouse.testing.AdminClient;
import io.gatehouse.testing.Behaviour;
import io.gatehouse.testing.Eventually;
import io.gatehouse.testing.LeakDetectionExtension;
import io.gatehouse.testing.TestGateway;
import io.gatehouse.testing.TestOrigin;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(LeakDetectionExtension.class)
class EndpointRemovalIntegrationTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    private TestOrigin a;
    private TestOrigin b;
    private TestGateway gateway;
    private AdminClient admin;
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @BeforeEach
    void start() {
        a = TestOrigin.start("a");
        b = TestOrigin.start("b");
        for (TestOrigin origin : List.of(a, b)) {
            origin.on("/warm", Behaviour.status(200).body(origin.name()).delay(Duration.ofMillis(300)));
            origin.on("/slow", Behaviour.status(200).body(origin.name()).delay(Duration.ofSeconds(2)));
        }
        gateway = TestGateway.start(config(a, b));
        admin = new AdminClient(gateway);
    }

    @AfterEach
    void stop() {
        gateway.close();
        a.close();
        b.close();
    }

    private static String config(TestOrigin... endpoints) {
        StringBuilder list = new StringBuilder();
        for (TestOrigin origin : endpoints) {
            list.append(list.isEmpty() ? "" : ", ").append("{ address: \"").append(origin.authority()).append("\" }");
        }
        return TestGateway.config(1, """
                upstreams:
                  app: { endpoints: [ %s ] }
                routes:
                  - name: app
                    match: { prefix: / }
                    upstream: app
                """.formatted(list));
    }

    private List<CompletableFuture<HttpResponse<String>>> concurrently(String path, int count) {
        List<CompletableFuture<HttpResponse<String>>> responses = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            responses.add(client.sendAsync(HttpRequest.newBuilder(gateway.uri(path)).timeout(WAIT).build(),
                    HttpResponse.BodyHandlers.ofString()));
        }
        return responses;
    }

    @Test
    void removingAnEndpointRetiresItsPoolAndKeepsTheOther() throws Exception {
        // Two upstream connections to each endpoint.
        for (var response : concurrently("/warm", 4)) {
            assertThat(response.get(10, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
        }
        assertThat(a.connectionsAccepted()).isEqualTo(2);
        assertThat(b.connectionsAccepted()).isEqualTo(2);

        // One request in flight on each endpoint; the other connection of each idles.
        List<CompletableFuture<HttpResponse<String>>> inFlight = concurrently("/slow", 2);
        a.awaitRequests(3, WAIT);
        b.awaitRequests(3, WAIT);
        Eventually.await("both slow requests at their origins", WAIT,
                () -> a.requests().size() + b.requests().size() == 6);
        assertThat(inFlight).noneMatch(CompletableFuture::isDone);

        gateway.rewriteConfig(config(a));
        HttpResponse<String> reload = admin.post("/admin/reload");
        assertThat(reload.statusCode()).as(reload.body()).isEqualTo(200);

        // b's idle connection closes at once; its busy one stays for the exchange in flight.
        b.awaitOpenConnections(1, WAIT);
        assertThat(inFlight).noneMatch(CompletableFuture::isDone);

        List<String> bodies = new ArrayList<>();
        for (var response : inFlight) {
            HttpResponse<String> done = response.get(10, TimeUnit.SECONDS);
            assertThat(done.statusCode()).isEqualTo(200);
            bodies.add(done.body());
        }
        assertThat(bodies).containsExactlyInAnyOrder("a", "b");
        b.awaitOpenConnections(0, WAIT);

        for (int i = 0; i < 6; i++) {
            HttpResponse<String> response = client.send(HttpRequest.newBuilder(gateway.uri("/after/" + i))
                    .timeout(WAIT).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.body()).contains("\"origin\":\"a\"");
        }
        assertThat(a.connectionsAccepted()).as("a keeps its pooled connections").isEqualTo(2);
        assertThat(a.openConnections()).isEqualTo(2);
        assertThat(b.connectionsAccepted()).isEqualTo(2);
        Eventually.await("b's pool gauges removed", WAIT, () -> !admin.get("/metrics").body()
                .contains("endpoint=\"" + b.authority() + "\""));
        assertThat(admin.get("/metrics").body()).contains("endpoint=\"" + a.authority() + "\"");
    }
}
