package io.gatehouse.proxy;

import static io.gatehouse.proxy.HttpTestSupport.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import io.gatehouse.testing.LeakDetectionExtension;
import io.gatehouse.testing.RawHttpClient;
import io.gatehouse.testing.TestGateway;
import io.gatehouse.testing.TestOrigin;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** 408 for a client that stops sending in the middle of a request head or body. */
@ExtendWith(LeakDetectionExtension.class)
class ReadTimeoutRepliesIntegrationTest {

    private static final Duration WAIT = Duration.ofSeconds(5);

    private TestOrigin origin;
    private TestGateway gateway;
    private RawHttpClient client;

    @BeforeEach
    void start() throws Exception {
        origin = TestOrigin.start();
        gateway = TestGateway.start(HttpTestSupport.config("header-read-timeout: 300ms, body-read-timeout: 300ms",
                HttpTestSupport.upstreamAndRoute(origin.authority(), "/", "")));
        client = RawHttpClient.connect(gateway.port());
    }

    @AfterEach
    void stop() throws Exception {
        client.close();
        gateway.close();
        origin.close();
    }

    @Test
    void headThatStopsArrivingIs408AndCloses() throws Exception {
        assertProblem(client.write("GET /app HTTP/1.1\r\nHost: x\r\n").readResponse(), 408);
        assertThat(client.isClosedByPeer(WAIT)).isTrue();
        assertThat(origin.requests()).isEmpty();
    }

    @Test
    void bodyThatStopsArrivingIs408AndCloses() throws Exception {
        assertProblem(client.write("POST /app HTTP/1.1\r\nHost: x\r\nContent-Length: 10\r\n\r\nabc").readResponse(),
                408);
        assertThat(client.isClosedByPeer(WAIT)).isTrue();
        assertThat(origin.awaitRequests(1, WAIT).get(0).complete()).isFalse();
    }
}
