package io.gatehouse.proxy;

import static io.gatehouse.proxy.HttpTestSupport.assertProblem;
import static io.gatehouse.proxy.HttpTestSupport.get;
import static org.assertj.core.api.Assertions.assertThat;

import io.gatehouse.testing.LeakDetectionExtension;
import io.gatehouse.testing.RawHttpClient;
import io.gatehouse.testing.RawOrigin;
import io.gatehouse.testing.RawResponse;
import io.gatehouse.testing.TestGateway;
import java.time.Duration;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Upstreams that break HTTP in ways a well-behaved codec cannot: the client gets a clean answer, never a hang. */
@ExtendWith(LeakDetectionExtension.class)
class UpstreamMisbehaviourIntegrationTest {

    private static final Duration WAIT = Duration.ofSeconds(5);

    private RawOrigin origin;
    private TestGateway gateway;

    private RawHttpClient start(Function<String, String> script) throws Exception {
        origin = RawOrigin.start(script);
        gateway = TestGateway.start(HttpTestSupport.config("body-read-timeout: 2s",
                HttpTestSupport.upstreamAndRoute(origin.authority(), "/",
                        "timeouts: { response: 2s, idle: 2s }")));
        return RawHttpClient.connect(gateway.port());
    }

    @AfterEach
    void stop() throws Exception {
        if (gateway != null) {
            gateway.close();
        }
        if (origin != null) {
            origin.close();
        }
    }

    @Test
    void extraBytesAfterAResponseAreNeverTakenForTheNextResponse() throws Exception {
        try (RawHttpClient client = start(head -> "HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nfirst"
                + "HTTP/1.1 200 OK\r\nContent-Length: 4\r\n\r\nevil")) {
            client.write(get("/a") + get("/b"));
            RawResponse first = client.readResponse();
            assertThat(first.bodyText()).isEqualTo("first");
            RawResponse second = client.readResponse();
            assertThat(second.bodyText()).isNotEqualTo("evil");
        }
    }

    @Test
    void connectionClosedMidHeadIs502() throws Exception {
        try (RawHttpClient client = start(head -> "HTTP/1.1 200 OK\r\nContent-Le" + RawOrigin.CLOSE)) {
            client.write(get("/a"));
            assertProblem(client.readResponse(), 502);
        }
    }

    @Test
    void garbageInsteadOfAResponseIs502() throws Exception {
        try (RawHttpClient client = start(head -> "garbage that is not http\r\n\r\n")) {
            client.write(get("/a"));
            assertProblem(client.readResponse(), 502);
            client.write(get("/b"));
            assertProblem(client.readResponse(), 502);
        }
    }

    @Test
    void unsolicitedSwitchingProtocolsIs502AtOnce() throws Exception {
        // The gateway never asks for an upgrade, so a 101 is a broken upstream; without Sec-WebSocket-Accept the
        // codec would even read the rest of the connection as the 101's body and the client would wait for 504.
        try (RawHttpClient client = start(head -> "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\n"
                + "Connection: upgrade\r\n\r\nHTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok")) {
            client.write(get("/a"));
            assertProblem(client.readResponse(), 502);
            client.write(get("/b"));
            assertProblem(client.readResponse(), 502);
            assertThat(origin.connectionsAccepted()).isEqualTo(2);
        }
    }

    @Test
    void informationalThenNoContent() throws Exception {
        try (RawHttpClient client = start(head -> "HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 103 Early Hints\r\n"
                + "Link: </a.css>\r\n\r\nHTTP/1.1 204 No Content\r\n\r\n")) {
            client.write(get("/a"));
            assertThat(client.readResponse().status()).isEqualTo(204);
            client.write(get("/b"));
            assertThat(client.readResponse().status()).isEqualTo(204);
            assertThat(origin.connectionsAccepted()).isEqualTo(1);
        }
    }

    @Test
    void informationalThenChunkedWithTrailers() throws Exception {
        try (RawHttpClient client = start(head -> "HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 200 OK\r\n"
                + "Transfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n0\r\nX-Sum: 1\r\n\r\n")) {
            client.write(get("/a"));
            RawResponse response = client.readResponse();
            assertThat(response.bodyText()).isEqualTo("abc");
            assertThat(response.trailers().first("x-sum")).isEqualTo("1");
            client.write(get("/b"));
            assertThat(client.readResponse().bodyText()).isEqualTo("abc");
            assertThat(origin.connectionsAccepted()).isEqualTo(1);
        }
    }

    @Test
    void headAnsweredChunkedWithoutABody() throws Exception {
        try (RawHttpClient client = start(head -> head.startsWith("HEAD")
                ? "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
                : "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok")) {
            client.write("HEAD /a HTTP/1.1\r\nHost: x\r\n\r\n");
            assertThat(client.readResponseToHead().status()).isEqualTo(200);
            client.write(get("/b"));
            RawResponse next = client.readResponse();
            assertThat(next.status()).isEqualTo(200);
            assertThat(next.bodyText()).isEqualTo("ok");
        }
    }

    @Test
    void notModifiedWithContentLength() throws Exception {
        try (RawHttpClient client = start(head -> head.contains("/nm")
                ? "HTTP/1.1 304 Not Modified\r\nContent-Length: 10\r\nETag: \"x\"\r\n\r\n"
                : "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok")) {
            client.write(get("/nm"));
            RawResponse response = client.readResponse();
            assertThat(response.status()).isEqualTo(304);
            client.write(get("/b"));
            assertThat(client.readResponse().bodyText()).isEqualTo("ok");
            assertThat(origin.connectionsAccepted()).isEqualTo(1);
        }
    }
}
