package io.gatehouse.proxy;

import static io.gatehouse.proxy.HttpTestSupport.assertProblem;
import static io.gatehouse.proxy.HttpTestSupport.get;
import static org.assertj.core.api.Assertions.assertThat;

import io.gatehouse.testing.AdminClient;
import io.gatehouse.testing.Behaviour;
import io.gatehouse.testing.Eventually;
import io.gatehouse.testing.LeakDetectionExtension;
import io.gatehouse.testing.RawHttpClient;
import io.gatehouse.testing.RawResponse;
import io.gatehouse.testing.RecordedRequest;
import io.gatehouse.testing.TestGateway;
import io.gatehouse.testing.TestOrigin;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Exchanges cut short, queued, pipelined or timed out at awkward moments: one answer each, in order, no hang. */
@ExtendWith(LeakDetectionExtension.class)
class ExchangeEdgeCasesIntegrationTest {

    private static final Duration WAIT = Duration.ofSeconds(5);

    private final TestOrigin origin = TestOrigin.start()
            .on("/slow", Behaviour.status(200).body("slow").delay(Duration.ofMillis(400)))
            .on("/stream", Behaviour.status(200).chunks(List.of("a", "b", "c", "d", "e", "f"), Duration.ofMillis(300)))
            .on("/early", Behaviour.status(200).chunks(List.of("1", "2", "3", "4"), Duration.ofMillis(300))
                    .respondBeforeRequestBody())
            .on("/early-short", Behaviour.status(200).body("early").respondBeforeRequestBody()
                    .pauseReadingAfterHead(Duration.ofMillis(200)));
    private TestGateway gateway;

    private void start(String serverSettings, String limits, String routeSettings) {
        gateway = TestGateway.start(HttpTestSupport.config(serverSettings, """
                upstreams:
                  origin: { endpoints: [ { address: "%s" } ], limits: { %s } }
                routes:
                  - { name: main, match: { prefix: "/" }, upstream: origin%s }
                """.formatted(origin.authority(), limits, routeSettings.isEmpty() ? "" : ", " + routeSettings)));
    }

    @AfterEach
    void stop() {
        if (gateway != null) {
            gateway.close();
        }
        origin.close();
    }

    @Test
    void clientLeavingWhileQueuedForAConnectionFreesItsPlaceInTheQueue() throws Exception {
        start("max-pipelined: 16", "max-connections: 1, max-pending: 1", "");
        try (RawHttpClient busy = RawHttpClient.connect(gateway.port());
             RawHttpClient queued = RawHttpClient.connect(gateway.port())) {
            busy.write(get("/slow"));
            origin.awaitRequests(1, WAIT);
            AdminClient admin = new AdminClient(gateway);
            try (RawHttpClient leaving = RawHttpClient.connect(gateway.port())) {
                leaving.write(get("/leaving"));
                Eventually.await("the gateway to accept the client", WAIT,
                        () -> admin.metric("gatehouse_downstream_connections_active") == 3);
                // Gives the gateway the chance to queue it; if it has not by the close, the end state is the same.
                Thread.sleep(100);
            }
            Eventually.await("the gateway to see the client leave", WAIT,
                    () -> admin.metric("gatehouse_downstream_connections_active") == 2);
            // The only place in the queue is free again, so this one waits its turn instead of getting 503.
            RawResponse next = queued.write(get("/queued")).readResponse();
            assertThat(busy.readResponse().bodyText()).isEqualTo("slow");
            assertThat(next.status()).isEqualTo(200);
        }
        assertThat(origin.connectionsAccepted()).isEqualTo(1);
        assertThat(origin.requests()).extracting(RecordedRequest::path).containsExactly("/slow", "/queued");
    }

    @Test
    void waitingForAPooledConnectionIsBoundedByTheResponseTimeout() throws Exception {
        start("max-pipelined: 16", "max-connections: 1, max-pending: 4", "timeouts: { response: 300ms, idle: 5s }");
        try (RawHttpClient busy = RawHttpClient.connect(gateway.port());
             RawHttpClient queued = RawHttpClient.connect(gateway.port(), Duration.ofMillis(1200))) {
            busy.write(get("/stream"));
            origin.awaitRequests(1, WAIT);
            RawResponse response = queued.write(get("/queued")).readResponse();
            assertProblem(response, 504);
            assertThat(response.bodyText()).contains("timed out");
            assertThat(busy.readResponse().bodyText()).isEqualTo("abcdef");
        }
    }

    @Test
    void bodyTimeoutDoesNotCutAnEarlyResponse() throws Exception {
        start("body-read-timeout: 300ms", "", "");
        try (RawHttpClient client = RawHttpClient.connect(gateway.port())) {
            client.write("POST /early HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\n0123456789");
            RawResponse response = client.readResponse();
            assertThat(response.status()).isEqualTo(200);
            assertThat(response.bodyText()).isEqualTo("1234");
            assertThat(response.header("connection")).isEqualToIgnoringCase("close");
        }
    }

    @Test
    void requestPipelinedBehindAnUploadAnsweredEarlyIsNeitherForwardedNorAnswered() throws Exception {
        start("max-pipelined: 16", "", "");
        int length = 1 << 20;
        try (RawHttpClient client = RawHttpClient.connect(gateway.port())) {
            client.write("POST /early-short HTTP/1.1\r\nHost: x\r\nContent-Length: " + length + "\r\n\r\n");
            RawResponse response = client.readResponse();
            assertThat(response.bodyText()).isEqualTo("early");
            assertThat(response.header("connection")).isEqualToIgnoringCase("close");
            try {
                client.write(new byte[length]).write(get("/after"));
            } catch (java.io.IOException closedMeanwhile) {
                // The gateway may close before the whole upload is written: just as good.
            }
            assertThat(client.isClosedByPeer(WAIT)).isTrue();
        }
        assertThat(origin.awaitRequests(1, WAIT)).extracting(RecordedRequest::path).containsExactly("/early-short");
        Thread.sleep(100);
        assertThat(origin.requests()).hasSize(1);
    }

    @Test
    void manyMorePipelinedRequestsThanMaxPipelinedAreAnsweredInOrder() throws Exception {
        start("max-pipelined: 2", "", "");
        StringBuilder requests = new StringBuilder();
        for (int i = 0; i < 40; i++) {
            requests.append(get("/p/" + i));
        }
        try (RawHttpClient client = RawHttpClient.connect(gateway.port())) {
            client.write(requests.toString());
            for (int i = 0; i < 40; i++) {
                assertThat(client.readResponse().bodyText()).contains("\"uri\":\"/p/" + i + "\"");
            }
            assertThat(client.write(get("/after")).readResponse().status()).isEqualTo(200);
        }
    }

    @Test
    void nothingIsAnsweredAfterAPipelinedRequestRefusedWithAClose() throws Exception {
        assertNothingFollowsARefusal("", "POST /a HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n"
                + "Content-Length: 3\r\n\r\n0\r\n\r\n", 400);
    }

    @Test
    void nothingIsAnsweredAfterAPipelinedDeclaredBodyOverTheLimit() throws Exception {
        assertNothingFollowsARefusal("max-body-size: 4", "POST /a HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n\r\nhello",
                413);
    }

    /** {@code refused}, pipelined between two GETs, is answered with {@code status} and a close; /after never is. */
    private void assertNothingFollowsARefusal(String routeSettings, String refused, int status) throws Exception {
        start("max-pipelined: 16", "", routeSettings);
        try (RawHttpClient client = RawHttpClient.connect(gateway.port())) {
            client.write(get("/slow") + refused + get("/after"));
            assertThat(client.readResponse().bodyText()).isEqualTo("slow");
            assertProblem(client.readResponse(), status);
            assertThat(client.isClosedByPeer(WAIT)).isTrue();
        }
        assertThat(origin.awaitRequests(1, WAIT)).extracting(RecordedRequest::path).containsExactly("/slow");
        Thread.sleep(100);
        assertThat(origin.requests()).extracting(RecordedRequest::path).containsExactly("/slow");
    }

    @Test
    void absoluteFormTargetIsForwardedInOriginForm() throws Exception {
        start("max-pipelined: 16", "", "");
        try (RawHttpClient client = RawHttpClient.connect(gateway.port())) {
            RawResponse response = client.write("GET http://example.test/abs?q=1 HTTP/1.1\r\nHost: Example.test\r\n\r\n")
                    .readResponse();
            assertThat(response.status()).isEqualTo(200);
            assertThat(response.bodyText()).contains("\"uri\":\"/abs?q=1\"");
            RecordedRequest received = origin.awaitRequests(1, WAIT).get(0);
            assertThat(received.header("host")).isEqualTo("example.test");
        }
    }

    @Test
    void asteriskFragmentAndSpaceTargetsAreRefused() throws Exception {
        start("max-pipelined: 16", "", "");
        try (RawHttpClient client = RawHttpClient.connect(gateway.port())) {
            assertProblem(client.write("OPTIONS * HTTP/1.1\r\nHost: x\r\n\r\n").readResponse(), 400);
        }
        try (RawHttpClient client = RawHttpClient.connect(gateway.port())) {
            assertProblem(client.write("GET /a#frag HTTP/1.1\r\nHost: x\r\n\r\n").readResponse(), 400);
        }
        try (RawHttpClient client = RawHttpClient.connect(gateway.port())) {
            assertProblem(client.write("GET /a b HTTP/1.1\r\nHost: x\r\n\r\n").readResponse(), 400);
            assertThat(client.isClosedByPeer(WAIT)).isTrue();
        }
        assertThat(origin.requests()).isEmpty();
    }

    @Test
    void http10ClientWithoutKeepAliveGetsASizedResponseThenTheClose() throws Exception {
        start("max-pipelined: 16", "", "");
        try (RawHttpClient client = RawHttpClient.connect(gateway.port())) {
            RawResponse response = client.write("GET /slow HTTP/1.0\r\nHost: x\r\n\r\n").readResponse();
            assertThat(response.bodyText()).isEqualTo("slow");
            assertThat(response.header("content-length")).isEqualTo("4");
            assertThat(response.header("connection")).isEqualToIgnoringCase("close");
            assertThat(client.isClosedByPeer(WAIT)).isTrue();
        }
    }
}
