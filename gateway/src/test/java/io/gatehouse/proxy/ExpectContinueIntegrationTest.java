package io.gatehouse.proxy;

import static io.gatehouse.proxy.HttpTestSupport.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import io.gatehouse.testing.LeakDetectionExtension;
import io.gatehouse.testing.RawHttpClient;
import io.gatehouse.testing.RawResponse;
import io.gatehouse.testing.RecordedRequest;
import io.gatehouse.testing.TestGateway;
import io.gatehouse.testing.TestOrigin;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** 100 Continue is sent only once the request will be forwarded; a refusal goes out instead, then the close. */
@ExtendWith(LeakDetectionExtension.class)
class ExpectContinueIntegrationTest {

    private static final Duration WAIT = Duration.ofSeconds(5);

    private TestOrigin origin;
    private TestGateway gateway;
    private RawHttpClient client;

    @BeforeEach
    void start() throws Exception {
        origin = TestOrigin.start();
        gateway = TestGateway.start(TestGateway.config(1, HttpTestSupport.upstreamAndRoute(origin.authority(),
                "/upload", "max-body-size: 1KiB")));
        client = RawHttpClient.connect(gateway.port());
    }

    @AfterEach
    void stop() throws Exception {
        client.close();
        gateway.close();
        origin.close();
    }

    private static String head(String path, int contentLength) {
        return "POST " + path + " HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\nContent-Length: " + contentLength
                + "\r\n\r\n";
    }

    @Test
    void acceptedRequestGets100ThenTheUpstreamResponse() throws Exception {
        client.write(head("/upload", 5));
        assertThat(client.readInformational().status()).isEqualTo(100);
        RawResponse response = client.write("hello").readResponse();
        assertThat(response.status()).isEqualTo(200);
        RecordedRequest received = origin.awaitRequests(1, WAIT).get(0);
        assertThat(received.bodyBytes()).isEqualTo(5);
        assertThat(received.header("expect")).isNull();
    }

    @Test
    void unroutedRequestGets404Instead() throws Exception {
        RawResponse response = client.write(head("/elsewhere", 5)).readResponse();
        assertProblem(response, 404);
        assertThat(response.informational()).isEmpty();
        assertThat(client.isClosedByPeer(WAIT)).isTrue();
    }

    @Test
    void oversizedRequestGets413Instead() throws Exception {
        RawResponse response = client.write(head("/upload", 4096)).readResponse();
        assertProblem(response, 413);
        assertThat(response.informational()).isEmpty();
        assertThat(client.isClosedByPeer(WAIT)).isTrue();
        assertThat(origin.requests()).isEmpty();
    }
}
