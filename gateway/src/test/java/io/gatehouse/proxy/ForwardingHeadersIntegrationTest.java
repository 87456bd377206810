package io.gatehouse.proxy;

import static io.gatehouse.proxy.HttpTestSupport.get;
import static org.assertj.core.api.Assertions.assertThat;

import io.gatehouse.testing.Behaviour;
import io.gatehouse.testing.LeakDetectionExtension;
import io.gatehouse.testing.RawResponse;
import io.gatehouse.testing.RecordedRequest;
import io.gatehouse.testing.TestGateway;
import io.gatehouse.testing.TestOrigin;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Which request and response fields cross the gateway, which are dropped, and which it adds. */
@ExtendWith(LeakDetectionExtension.class)
class ForwardingHeadersIntegrationTest {

    private static final Duration WAIT = Duration.ofSeconds(5);
    private static final String ROUTES = """
            upstreams:
              origin: { endpoints: [ { address: "%s" } ] }
            routes:
              - { name: renamed, match: { prefix: /renamed }, upstream: origin, rewrite: { host: "backend.internal" } }
              - { name: main, match: { prefix: / }, upstream: origin }
            """;

    private TestOrigin origin;
    private TestGateway gateway;

    @BeforeEach
    void start() {
        origin = TestOrigin.start();
        gateway = startGateway("keep-alive-idle: 30s");
    }

    @AfterEach
    void stop() {
        gateway.close();
        origin.close();
    }

    private TestGateway startGateway(String serverSettings) {
        return TestGateway.start(HttpTestSupport.config(serverSettings, ROUTES.formatted(origin.authority())));
    }

    /** Sends one request through {@code via} and returns the response; the origin's copy is its only request. */
    private RawResponse send(TestGateway via, String request) throws Exception {
        return HttpTestSupport.exchange(via.port(), request);
    }

    private RecordedRequest received() {
        return origin.awaitRequests(1, WAIT).get(0);
    }

    @Test
    void hopByHopRequestFieldsAreNotForwarded() throws Exception {
        send(gateway, "GET /a HTTP/1.1\r\nHost: gatehouse.test\r\nConnection: keep-alive, X-Hop\r\nX-Hop: 1\r\n"
                + "Keep-Alive: timeout=5\r\nProxy-Connection: keep-alive\r\nTE: trailers\r\n"
                + "Proxy-Authorization: Basic c2VjcmV0\r\nX-End-To-End: kept\r\n\r\n");
        RecordedRequest request = received();
        assertThat(request.headers().names()).map(String::toLowerCase)
                .doesNotContain("x-hop", "keep-alive", "proxy-connection", "te", "proxy-authorization", "upgrade");
        assertThat(request.header("connection")).isNull();
        assertThat(request.header("x-end-to-end")).isEqualTo("kept");
    }

    @Test
    void forwardingFieldsDescribeTheClientHop() throws Exception {
        send(gateway, get("/a"));
        RecordedRequest request = received();
        assertThat(request.header("x-forwarded-for")).isEqualTo("127.0.0.1");
        assertThat(request.header("x-forwarded-proto")).isEqualTo("http");
        assertThat(request.header("x-forwarded-host")).isEqualTo("gatehouse.test");
        assertThat(request.header("forwarded")).isEqualTo("for=127.0.0.1;proto=http;host=\"gatehouse.test\"");
    }

    @Test
    void forwardingFieldsFromAnUntrustedPeerAreReplaced() throws Exception {
        send(gateway, "GET /a HTTP/1.1\r\nHost: gatehouse.test\r\nX-Forwarded-For: 203.0.113.9\r\n"
                + "X-Forwarded-Proto: https\r\nX-Forwarded-Host: forged.example\r\nForwarded: for=203.0.113.9\r\n\r\n");
        RecordedRequest request = received();
        assertThat(request.header("x-forwarded-for")).isEqualTo("127.0.0.1");
        assertThat(request.header("x-forwarded-proto")).isEqualTo("http");
        assertThat(request.header("x-forwarded-host")).isEqualTo("gatehouse.test");
        assertThat(request.headers().getAll("forwarded"))
                .containsExactly("for=127.0.0.1;proto=http;host=\"gatehouse.test\"");
    }

    @Test
    void forwardingFieldsFromATrustedProxyAreKeptAndAppended() throws Exception {
        try (TestGateway trusting = startGateway("trusted-proxies: [127.0.0.1/32]")) {
            send(trusting, "GET /a HTTP/1.1\r\nHost: gatehouse.test\r\nX-Forwarded-For: 203.0.113.9\r\n"
                    + "X-Forwarded-Proto: https\r\nForwarded: for=203.0.113.9;proto=https\r\n\r\n");
        }
        RecordedRequest request = received();
        assertThat(request.header("x-forwarded-for")).isEqualTo("203.0.113.9, 127.0.0.1");
        assertThat(request.header("x-forwarded-proto")).isEqualTo("https");
        assertThat(request.header("forwarded"))
                .isEqualTo("for=203.0.113.9;proto=https, for=127.0.0.1;proto=http;host=\"gatehouse.test\"");
    }

    @Test
    void hostPassesThroughByDefault() throws Exception {
        send(gateway, "GET /a HTTP/1.1\r\nHost: api.example.com:8443\r\n\r\n");
        assertThat(received().header("host")).isEqualTo("api.example.com:8443");
    }

    @Test
    void hostIsReplacedByTheRouteRewrite() throws Exception {
        send(gateway, "GET /renamed HTTP/1.1\r\nHost: api.example.com\r\n\r\n");
        RecordedRequest request = received();
        assertThat(request.header("host")).isEqualTo("backend.internal");
        assertThat(request.header("x-forwarded-host")).isEqualTo("api.example.com");
    }

    @Test
    void requestIdIsGeneratedWhenAbsentAndReturned() throws Exception {
        RawResponse response = send(gateway, get("/a"));
        assertThat(response.header("x-request-id")).matches("[0-9a-f]{32}");
        assertThat(received().header("x-request-id")).isEqualTo(response.header("x-request-id"));
    }

    @Test
    void saneClientRequestIdIsKeptAndReturned() throws Exception {
        RawResponse response = send(gateway, "GET /a HTTP/1.1\r\nHost: x\r\nX-Request-Id: client-42\r\n\r\n");
        assertThat(response.header("x-request-id")).isEqualTo("client-42");
        assertThat(received().header("x-request-id")).isEqualTo("client-42");
    }

    @Test
    void unsafeClientRequestIdIsReplaced() throws Exception {
        RawResponse response = send(gateway, "GET /a HTTP/1.1\r\nHost: x\r\nX-Request-Id: a \"quoted\" id\r\n\r\n");
        assertThat(response.header("x-request-id")).matches("[0-9a-f]{32}");
        assertThat(received().headers().getAll("x-request-id")).containsExactly(response.header("x-request-id"));
    }

    @Test
    void hopByHopResponseFieldsAreNotPassedToTheClient() throws Exception {
        origin.on("/hops", Behaviour.status(200).body("ok").header("connection", "x-origin-hop")
                .header("x-origin-hop", "1").header("keep-alive", "timeout=5").header("proxy-connection", "keep-alive")
                .header("upgrade", "h2c").header("x-end-to-end", "kept"));
        RawResponse response = send(gateway, get("/hops"));
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.headers().fields()).extracting(field -> field.getKey().toLowerCase())
                .doesNotContain("connection", "x-origin-hop", "keep-alive", "proxy-connection", "upgrade");
        assertThat(response.header("x-end-to-end")).isEqualTo("kept");
        assertThat(response.bodyText()).isEqualTo("ok");
    }
}
