package io.gatehouse.proxy;

import static io.gatehouse.proxy.HttpTestSupport.assertProblem;
import static io.gatehouse.proxy.HttpTestSupport.get;
import static org.assertj.core.api.Assertions.assertThat;

import io.gatehouse.testing.LeakDetectionExtension;
import io.gatehouse.testing.RawOrigin;
import io.gatehouse.testing.RawResponse;
import io.gatehouse.testing.TestGateway;
import io.gatehouse.testing.TestResources;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Upstream response heads that must never reach a client: the client gets 502, and the upstream connection that
 * carried the broken head is closed, so the next request needs a new one.
 */
@ExtendWith(LeakDetectionExtension.class)
class StrictResponsesIntegrationTest {

    private static final String GOOD = "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok";

    private RawOrigin origin;
    private TestGateway gateway;

    @AfterEach
    void stop() {
        TestResources.closeAll(gateway, origin);
    }

    static Stream<Named<String>> brokenHeads() {
        return Stream.of(
                Named.of("CR inside a header value", "HTTP/1.1 200 OK\r\nX-A: a\rb\r\nContent-Length: 2\r\n\r\nok"),
                Named.of("NUL in a header value", "HTTP/1.1 200 OK\r\nX-A: a\0b\r\nContent-Length: 2\r\n\r\nok"),
                Named.of("control character in a header value", "HTTP/1.1 200 OK\r\nX-A: a\u0001b\r\n"
                        + "Content-Length: 2\r\n\r\nok"),
                Named.of("separator in a header name", "HTTP/1.1 200 OK\r\nX(A): 1\r\nContent-Length: 2\r\n\r\nok"),
                Named.of("status line that is not HTTP", "SSH-2.0-OpenSSH_9.6\r\n\r\n"),
                Named.of("status code of four digits", "HTTP/1.1 2000 OK\r\nContent-Length: 2\r\n\r\nok"),
                Named.of("two different Content-Length", "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n"
                        + "Content-Length: 3\r\n\r\nok!"),
                Named.of("Content-Length that is not a number", "HTTP/1.1 200 OK\r\nContent-Length: 2x\r\n\r\nok"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("brokenHeads")
    void isA502AndTheUpstreamConnectionCloses(String answer) throws Exception {
        origin = RawOrigin.start(head -> head.startsWith("GET /broken") ? answer : GOOD);
        gateway = TestGateway.start(HttpTestSupport.config("", HttpTestSupport.upstreamAndRoute(origin.authority(),
                "/", "timeouts: { response: 2s }")));
        RawResponse response = HttpTestSupport.exchange(gateway.port(), get("/broken"));
        assertProblem(response, 502);
        assertThat(response.headers().all("x-a")).isEmpty();

        assertThat(HttpTestSupport.exchange(gateway.port(), get("/ok")).bodyText()).isEqualTo("ok");
        assertThat(origin.connectionsAccepted()).as("upstream connections opened").isEqualTo(2);
    }
}
