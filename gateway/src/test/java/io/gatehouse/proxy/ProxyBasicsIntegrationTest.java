package io.gatehouse.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import io.gatehouse.testing.Behaviour;
import io.gatehouse.testing.LeakDetectionExtension;
import io.gatehouse.testing.RawHttpClient;
import io.gatehouse.testing.RawResponse;
import io.gatehouse.testing.TestGateway;
import io.gatehouse.testing.TestOrigin;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(LeakDetectionExtension.class)
class ProxyBasicsIntegrationTest {

    private TestOrigin a;
    private TestOrigin b;
    private TestGateway gateway;
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @BeforeEach
    void start() {
        a = TestOrigin.start("a");
        b = TestOrigin.start("b");
        gateway = TestGateway.start(TestGateway.config(1, """
                upstreams:
                  two: { endpoints: [ { address: "%s" }, { address: "%s" } ] }
                  one: { endpoints: [ { address: "%s" } ] }
                routes:
                  - name: hello
                    match: { path: "/hello/{name}", methods: [GET] }
                    upstream: one
                    rewrite: { path: "/greet/{name}" }
                  - name: api
                    match: { prefix: /api }
                    upstream: two
                """.formatted(a.authority(), b.authority(), a.authority())));
    }

    @AfterEach
    void stop() {
        gateway.close();
        a.close();
        b.close();
    }

    private HttpResponse<String> get(String path) throws Exception {
        return client.send(HttpRequest.newBuilder(gateway.uri(path)).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void forwardsAndBalancesRoundRobin() throws Exception {
        HttpResponse<String> first = get("/api/x?q=1");
        HttpResponse<String> second = get("/api/y");
        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(first.body() + second.body()).contains("\"origin\":\"a\"").contains("\"origin\":\"b\"");
        assertThat(first.body()).contains("\"uri\":\"/api/x?q=1\"");
        assertThat(first.headers().firstValue("x-request-id")).isPresent();
    }

    @Test
    void rewritesTemplatePath() throws Exception {
        HttpResponse<String> response = get("/hello/world");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(a.awaitRequests(1, Duration.ofSeconds(5)).get(0).uri()).isEqualTo("/greet/world");
    }

    @Test
    void unknownPathIsProblem404() throws Exception {
        HttpResponse<String> response = get("/nope");
        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.headers().firstValue("content-type")).contains("application/problem+json");
        assertThat(response.body()).contains("\"status\":404").contains("\"request_id\":");
    }

    @Test
    void wrongMethodIs405WithAllow() throws Exception {
        HttpResponse<String> response = client.send(HttpRequest.newBuilder(gateway.uri("/hello/x"))
                .DELETE().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(405);
        assertThat(response.headers().firstValue("allow")).contains("GET");
    }

    @Test
    void keepAliveReusesOneUpstreamConnection() throws Exception {
        try (RawHttpClient raw = RawHttpClient.connect(gateway.port())) {
            for (int i = 0; i < 10; i++) {
                raw.write("GET /hello/n" + i + " HTTP/1.1\r\nHost: x\r\n\r\n");
                RawResponse response = raw.readResponse();
                assertThat(response.status()).isEqualTo(200);
            }
        }
        assertThat(a.connectionsAccepted()).isEqualTo(1);
    }

    @Test
    void declinesCleartextHttp2UpgradeAndAnswersInHttp11() throws Exception {
        HttpClient preferringHttp2 = HttpClient.newBuilder().version(HttpClient.Version.HTTP_2).build();
        HttpResponse<String> response = preferringHttp2.send(HttpRequest.newBuilder(gateway.uri("/api/h2c")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.version()).isEqualTo(HttpClient.Version.HTTP_1_1);
        assertThat(response.body()).doesNotContainIgnoringCase("http2-settings").doesNotContainIgnoringCase("upgrade");
    }

    @Test
    void refusedUpstreamIs502() throws Exception {
        a.close();
        HttpResponse<String> response = get("/hello/x");
        assertThat(response.statusCode()).isEqualTo(502);
        assertThat(response.body()).contains("refused");
    }

    @Test
    void passesEachStreamedChunkOnAsItArrives() throws Exception {
        CompletableFuture<Void> firstSeen = new CompletableFuture<>();
        a.on("/greet/tokens", Behaviour.status(200).header("content-type", "text/event-stream")
                .chunks(List.of("data: first\n\n", "data: second\n\n"), Duration.ZERO)
                .holdChunksAfterFirstUntil(firstSeen));
        try (RawHttpClient raw = RawHttpClient.connect(gateway.port())) {
            raw.write("GET /hello/tokens HTTP/1.1\r\nHost: x\r\n\r\n");
            // The origin sends "second" only once "first" has come out of the gateway: a buffering proxy
            // would never deliver it and the read below would time out.
            String first = raw.readUntil("data: first\n\n");
            assertThat(first).contains("text/event-stream");
            firstSeen.complete(null);
            assertThat(raw.readUntil("data: second\n\n")).isNotEmpty();
        }
    }

    @Test
    void streamsServerSentEvents() throws Exception {
        a.on("/greet/sse", Behaviour.status(200).header("content-type", "text/event-stream")
                .chunks(java.util.List.of("data: 1\n\n", "data: 2\n\n"), Duration.ofMillis(50)));
        HttpResponse<String> response = get("/hello/sse");
        assertThat(response.body()).isEqualTo("data: 1\n\ndata: 2\n\n");
    }
}
