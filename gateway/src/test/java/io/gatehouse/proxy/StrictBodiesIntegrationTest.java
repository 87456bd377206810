package io.gatehouse.proxy;

import static io.gatehouse.proxy.HttpTestSupport.assertProblem;
import static io.gatehouse.proxy.HttpTestSupport.get;
import static org.assertj.core.api.Assertions.assertThat;

import io.gatehouse.testing.LeakDetectionExtension;
import io.gatehouse.testing.ProxyRig;
import io.gatehouse.testing.RawHttpClient;
import io.gatehouse.testing.RecordedRequest;
import io.gatehouse.testing.TestGateway;
import io.gatehouse.testing.TestOrigin;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Request bodies that break their framing, outgrow the limit or stop arriving after the head went upstream (over
 * a pooled connection, so the head is written at once): the client gets the status and a close, the origin never
 * receives a complete request, and the upstream connection is closed rather than pooled, so the next request
 * arrives on a new one.
 */
@ExtendWith(LeakDetectionExtension.class)
class StrictBodiesIntegrationTest {

    private static final Duration WAIT = Duration.ofSeconds(5);
    private static final String CHUNKED_HEAD = "POST /upload HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n"
            + "5\r\nhello\r\n";

    /** @param rest what follows the head and a first valid chunk (or the head alone, for Content-Length) */
    record Case(String head, String rest, int status) {
    }

    @RegisterExtension
    final ProxyRig rig = ProxyRig.withoutClient(TestOrigin::start, authority -> HttpTestSupport.config(
            "body-read-timeout: 500ms", HttpTestSupport.upstreamAndRoute(authority, "/", "max-body-size: 64")));

    private static Named<Case> chunked(String name, String rest, int status) {
        return Named.of(name, new Case(CHUNKED_HEAD, rest, status));
    }

    static Stream<Named<Case>> cases() {
        return Stream.of(
                chunked("chunk size that is not hex", "zz\r\nhello\r\n0\r\n\r\n", 400),
                chunked("chunk size overflowing", "ffffffffffffffffff\r\nhello\r\n0\r\n\r\n", 400),
                chunked("chunk size with 0x", "0x5\r\nhello\r\n0\r\n\r\n", 400),
                chunked("chunk size followed by a space", "5 \r\nhello\r\n0\r\n\r\n", 400),
                chunked("chunk data not ended by CRLF", "5\r\nhelloXX\r\n0\r\n\r\n", 400),
                chunked("control character in a chunk extension", "5;a\u0001b\r\nhello\r\n0\r\n\r\n", 400),
                chunked("chunk size line ended by a bare LF", "5\nhello\r\n0\r\n\r\n", 400),
                chunked("chunked body growing past max-body-size", "40\r\n" + "x".repeat(64) + "\r\n0\r\n\r\n", 413),
                Named.of("body that stops arriving", new Case("POST /upload HTTP/1.1\r\nHost: x\r\n"
                        + "Content-Length: 10\r\n\r\nabc", "", 408)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void neverReachesTheOriginComplete(Case c) throws Exception {
        TestGateway gateway = rig.gateway();
        TestOrigin origin = rig.origin();
        // A pooled upstream connection, so the gateway forwards the next head the moment it is admitted.
        assertThat(HttpTestSupport.exchange(gateway.port(), get("/warm")).status()).isEqualTo(200);
        try (RawHttpClient client = RawHttpClient.connect(gateway.port())) {
            client.write(c.head());
            client.write(c.rest());
            assertProblem(client.readResponse(), c.status());
            assertThat(client.isClosedByPeer(WAIT)).as("the gateway closes the client connection").isTrue();
        }
        List<RecordedRequest> received = origin.awaitRequests(2, WAIT);
        assertThat(received.get(1).path()).isEqualTo("/upload");
        assertThat(received.get(1).complete()).as("the origin got a complete request").isFalse();
        origin.awaitOpenConnections(0, WAIT);

        assertThat(HttpTestSupport.exchange(gateway.port(), get("/next")).status()).isEqualTo(200);
        RecordedRequest next = origin.awaitRequests(3, WAIT).get(2);
        assertThat(next.connection()).as("the upstream connection of the broken request was not reused")
                .isEqualTo(2);
    }
}
