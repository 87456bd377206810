package io.gatehouse.proxy;

import static io.gatehouse.proxy.HttpTestSupport.assertProblem;
import static io.gatehouse.proxy.HttpTestSupport.get;
import static org.assertj.core.api.Assertions.assertThat;

import io.gatehouse.testing.LeakDetectionExtension;
import io.gatehouse.testing.RawHttpClient;
import io.gatehouse.testing.RawResponse;
import io.gatehouse.testing.RecordedRequest;
import io.gatehouse.testing.TestGateway;
import io.gatehouse.testing.TestOrigin;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every request head the gateway must refuse, one case per test over a raw socket: the status, whether the
 * connection closes, and that the origin received nothing (a sentinel request sent afterwards is the first thing
 * it sees). A few heads that must pass are in the table too, so that strictness does not turn into refusal.
 * Bodies that break their framing after the head went upstream are in {@link StrictBodiesIntegrationTest}.
 */
@ExtendWith(LeakDetectionExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StrictRequestsIntegrationTest {

    private static final Duration WAIT = Duration.ofSeconds(5);
    private static final String HOST = "Host: gatehouse.test\r\n";

    /**
     * @param forwarded the path the origin must receive, or null when nothing may reach it
     * @param closes    whether the gateway closes the connection after its answer
     */
    record Case(String request, int status, boolean closes, String forwarded) {
    }

    private final AtomicInteger sentinels = new AtomicInteger();
    private TestOrigin origin;
    private TestGateway gateway;

    @BeforeAll
    void start() {
        origin = TestOrigin.start();
        gateway = TestGateway.start(HttpTestSupport.config("header-read-timeout: 500ms",
                HttpTestSupport.upstreamAndRoute(origin.authority(), "/", "max-body-size: 64")));
    }

    @AfterAll
    void stop() {
        gateway.close();
        origin.close();
    }

    private static Named<Case> refused(String name, String request, int status) {
        return Named.of(name, new Case(request, status, true, null));
    }

    private static Named<Case> refusedKeepingTheConnection(String name, String request, int status) {
        return Named.of(name, new Case(request, status, false, null));
    }

    private static Named<Case> passes(String name, String request, String forwardedPath) {
        return Named.of(name, new Case(request, 200, request.contains("HTTP/1.0"), forwardedPath));
    }

    private static String post(String fields, String body) {
        return "POST /p HTTP/1.1\r\n" + HOST + fields + "\r\n" + body;
    }

    private static String withField(String field) {
        return "GET /h HTTP/1.1\r\n" + HOST + field + "\r\n\r\n";
    }

    private static String target(String target) {
        return "GET " + target + " HTTP/1.1\r\n" + HOST + "\r\n";
    }

    private static String headers(int count) {
        StringBuilder request = new StringBuilder("GET /many HTTP/1.1\r\n").append(HOST);
        for (int i = 1; i < count; i++) {
            request.append("X-F").append(i).append(": v\r\n");
        }
        return request.append("\r\n").toString();
    }

    static Stream<Named<Case>> cases() {
        return Stream.of(
                // Framing fields: a request a backend might frame differently is never forwarded.
                refused("Content-Length with Transfer-Encoding", post("Content-Length: 3\r\nTransfer-Encoding: "
                        + "chunked\r\n", "0\r\n\r\n"), 400),
                refused("two different Content-Length", post("Content-Length: 3\r\nContent-Length: 4\r\n", "abcd"), 400),
                refused("Content-Length twice with one value", post("Content-Length: 3\r\nContent-Length: 3\r\n",
                        "abc"), 400),
                refused("Content-Length list 5,5", post("Content-Length: 5,5\r\n", "hello"), 400),
                refused("Content-Length +5", post("Content-Length: +5\r\n", "hello"), 400),
                refused("Content-Length 0x5", post("Content-Length: 0x5\r\n", "hello"), 400),
                refused("Content-Length -1", post("Content-Length: -1\r\n", "hello"), 400),
                refused("Content-Length overflowing a long", post("Content-Length: 99999999999999999999\r\n", "x"), 400),
                refused("Content-Length empty", post("Content-Length: \r\n", "hello"), 400),
                refused("Transfer-Encoding gzip alone", post("Transfer-Encoding: gzip\r\n", "hello"), 400),
                refused("Transfer-Encoding identity", post("Transfer-Encoding: identity\r\n", "hello"), 400),
                refused("Transfer-Encoding chunked, gzip", post("Transfer-Encoding: chunked, gzip\r\n", "0\r\n\r\n"),
                        400),
                refused("Transfer-Encoding chunked in two fields", post("Transfer-Encoding: chunked\r\n"
                        + "Transfer-Encoding: chunked\r\n", "0\r\n\r\n"), 400),
                refused("Transfer-Encoding chunked, chunked", post("Transfer-Encoding: chunked, chunked\r\n",
                        "0\r\n\r\n"), 400),
                refused("Transfer-Encoding gzip, chunked (unsupported coding)", post("Transfer-Encoding: gzip, "
                        + "chunked\r\n", "0\r\n\r\n"), 501),
                // Header lines.
                refused("obsolete line folding", withField("X-A: 1\r\n folded"), 400),
                refused("bare CR in a header value", withField("X-A: 1\r2"), 400),
                refused("bare LF ending a header line", "GET /h HTTP/1.1\r\n" + HOST + "X-A: 1\n\r\n", 400),
                refused("bare LF ending the request line", "GET /h HTTP/1.1\n" + HOST + "\r\n", 400),
                refused("space before the colon", withField("X-A : 1"), 400),
                refused("tab before the colon", withField("X-A\t: 1"), 400),
                refused("NUL in a header value", withField("X-A: a\0b"), 400),
                refused("control character 0x01 in a header value", withField("X-A: a\u0001b"), 400),
                refused("DEL in a header value", withField("X-A: a\u007fb"), 400),
                refused("control character in a header name", withField("X\u0001A: 1"), 400),
                refused("separator in a header name", withField("X(A): 1"), 400),
                refused("empty header name", withField(": 1"), 400),
                refused("header line without a colon", withField("X-A"), 400),
                passes("HTAB inside a header value", withField("X-A: a\tb"), "/h"),
                // Request target.
                refused("NUL in the target", target("/a\0b"), 400),
                refused("control character in the target", target("/a\u0001b"), 400),
                refused("DEL in the target", target("/a\u007fb"), 400),
                refused("byte above 0x7f in the target", target("/a\u00e9b"), 400),
                refused("tab in the target", target("/a\tb"), 400),
                refused("space in the target", target("/a b"), 400),
                refused("fragment in the target", target("/a#top"), 400),
                refused("asterisk form", "OPTIONS * HTTP/1.1\r\n" + HOST + "\r\n", 400),
                refused("relative target", target("a/b"), 400),
                refused("absolute form naming another host", target("http://other.test/abs"), 400),
                refused("absolute form with user info", target("http://u@gatehouse.test/abs"), 400),
                passes("absolute form naming the Host", target("http://gatehouse.test/abs?q=1"), "/abs"),
                refused("invalid percent-encoding", target("/a%zz"), 400),
                refused("encoded slash", target("/public/..%2fadmin"), 400),
                refused("dot segments above the root", target("/a/../../etc"), 400),
                refused("path parameter", target("/admin;x=1"), 400),
                refused("backslash", target("/a\\b"), 400),
                passes("dot segments resolved", target("/public/%2e%2e/x/./y"), "/x/y"),
                // Host.
                refused("HTTP/1.1 without Host", "GET /h HTTP/1.1\r\n\r\n", 400),
                refused("two Host fields", "GET /h HTTP/1.1\r\n" + HOST + HOST + "\r\n", 400),
                refused("Host with a slash", "GET /h HTTP/1.1\r\nHost: a/b\r\n\r\n", 400),
                refused("Host with user info", "GET /h HTTP/1.1\r\nHost: u@a\r\n\r\n", 400),
                refused("empty Host", "GET /h HTTP/1.1\r\nHost: \r\n\r\n", 400),
                refused("Host with a port over 65535", "GET /h HTTP/1.1\r\nHost: a:99999\r\n\r\n", 400),
                refused("HTTP/1.0 with two Host fields", "GET /h HTTP/1.0\r\n" + HOST + HOST + "\r\n", 400),
                passes("HTTP/1.0 without Host", "GET /old HTTP/1.0\r\n\r\n", "/old"),
                // Version and methods.
                refused("HTTP/1.2", "GET /h HTTP/1.2\r\n" + HOST + "\r\n", 505),
                refused("HTTP/2.0 in an HTTP/1 request line", "GET /h HTTP/2.0\r\n" + HOST + "\r\n", 505),
                refusedKeepingTheConnection("TRACE", "TRACE /h HTTP/1.1\r\n" + HOST + "\r\n", 405),
                refusedKeepingTheConnection("trace in lower case", "trace /h HTTP/1.1\r\n" + HOST + "\r\n", 405),
                refusedKeepingTheConnection("CONNECT", "CONNECT other.test:443 HTTP/1.1\r\nHost: other.test:443"
                        + "\r\n\r\n", 405),
                // Limits.
                refused("request line over max-initial-line", target("/" + "a".repeat(9000)), 414),
                refused("header block over max-header-size", withField("X-Big: " + "b".repeat(17_000)), 431),
                refused("101 header fields", headers(101), 431),
                passes("100 header fields", headers(100), "/many"),
                refused("declared body over max-body-size", post("Content-Length: 65\r\n", "x".repeat(65)), 413),
                // Slow clients.
                refused("head that stops arriving", "GET /h HTTP/1.1\r\n" + HOST, 408));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void answers(Case c) throws Exception {
        int before = origin.requests().size();
        List<String> expected = new ArrayList<>();
        try (RawHttpClient client = RawHttpClient.connect(gateway.port())) {
            RawResponse response = client.write(c.request()).readResponse();
            if (c.forwarded() == null) {
                assertProblem(response, c.status());
            } else {
                assertThat(response.status()).isEqualTo(c.status());
                expected.add(c.forwarded());
            }
            if (c.closes()) {
                assertThat(client.isClosedByPeer(WAIT)).as("the gateway closes the connection").isTrue();
            } else {
                assertThat(client.write(get("/after")).readResponse().status()).isEqualTo(200);
                expected.add("/after");
            }
        }
        String sentinel = "/sentinel-" + sentinels.incrementAndGet();
        assertThat(HttpTestSupport.exchange(gateway.port(), get(sentinel)).status()).isEqualTo(200);
        expected.add(sentinel);
        List<RecordedRequest> received = origin.awaitRequests(before + expected.size(), WAIT);
        assertThat(received.subList(before, received.size())).extracting(RecordedRequest::path)
                .as("what the origin received").containsExactlyElementsOf(expected);
    }
}
