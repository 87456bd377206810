package io.gatehouse.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class TestOriginTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

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
}
