package io.gatehouse.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(LeakDetectionExtension.class)
class TestOriginTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final String GET = "GET / HTTP/1.1\r\nHost: origin\r\n\r\n";

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
    private final TestOrigin origin = TestOrigin.start("a");

    @AfterEach
    void closeOrigin() {
        origin.close();
    }

    @Test
    void echoesTheRequestAsJson() throws Exception {
        HttpResponse<String> response = client.send(HttpRequest.newBuilder(origin.uri("/things?x=1"))
                .header("X-Test", "yes")
                .POST(HttpRequest.BodyPublishers.ofString("hello"))
                .build(), HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("content-type")).hasValue("application/json");
        JsonNode echo = new ObjectMapper().readTree(response.body());
        assertThat(echo.get("origin").asText()).isEqualTo("a");
        assertThat(echo.get("method").asText()).isEqualTo("POST");
        assertThat(echo.get("uri").asText()).isEqualTo("/things?x=1");
        assertThat(echo.get("headers").get("x-test").asText()).isEqualTo("yes");
        assertThat(echo.get("bodyBytes").asLong()).isEqualTo(5);

        List<RecordedRequest> requests = origin.awaitRequests(1, TIMEOUT);
        assertThat(requests.get(0).path()).isEqualTo("/things");
        assertThat(requests.get(0).header("x-test")).isEqualTo("yes");
        assertThat(requests.get(0).bodyBytes()).isEqualTo(5);
        assertThat(requests.get(0).complete()).isTrue();
    }

    @Test
    void countsAcceptedAndOpenConnections() throws Exception {
        try (RawHttpClient first = RawHttpClient.connect(origin.port());
             RawHttpClient second = RawHttpClient.connect(origin.port())) {
            origin.awaitOpenConnections(2, TIMEOUT);
            first.close();
            origin.awaitOpenConnections(1, TIMEOUT);
        }
        origin.awaitOpenConnections(0, TIMEOUT);
        assertThat(origin.connectionsAccepted()).isEqualTo(2);
    }

    @Test
    void keepsConnectionsAliveAndRecordsWhichOneARequestUsed() throws Exception {
        try (RawHttpClient client = RawHttpClient.connect(origin.port())) {
            client.write(GET).readResponse();
            client.write(GET).readResponse();
        }
        assertThat(origin.awaitRequests(2, TIMEOUT)).extracting(RecordedRequest::connection).containsExactly(1, 1);
    }

    @Test
    void closesAfterTheResponseWhenScripted() throws Exception {
        origin.on("/", Behaviour.status(200).body("bye").closeAfterResponse());
        try (RawHttpClient client = RawHttpClient.connect(origin.port())) {
            RawResponse response = client.write(GET).readResponse();

            assertThat(response.header("connection")).isEqualTo("close");
            assertThat(client.isClosedByPeer(TIMEOUT)).isTrue();
        }
    }

    @Test
    void closesIdleConnectionsAtRandom() throws Exception {
        origin.closeIdleConnectionsAtRandom(new Random(1), 1.0, Duration.ZERO);
        try (RawHttpClient client = RawHttpClient.connect(origin.port())) {
            assertThat(client.write(GET).readResponse().status()).isEqualTo(200);
            assertThat(client.isClosedByPeer(TIMEOUT)).isTrue();
        }
    }

    @Test
    void keepsIdleConnectionsWhenTheRandomSaysSo() throws Exception {
        origin.closeIdleConnectionsAtRandom(new Random(1), 0.0, Duration.ZERO);
        try (RawHttpClient client = RawHttpClient.connect(origin.port())) {
            client.write(GET).readResponse();
            assertThat(client.isClosedByPeer(Duration.ofMillis(200))).isFalse();
        }
    }
}
