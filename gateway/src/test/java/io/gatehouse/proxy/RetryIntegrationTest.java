package io.gatehouse.proxy;

import static io.gatehouse.proxy.HttpTestSupport.get;
import static io.gatehouse.proxy.TrafficSupport.backend;
import static io.gatehouse.proxy.TrafficSupport.endpoints;
import static io.gatehouse.proxy.TrafficSupport.requestsTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.gatehouse.testing.AdminClient;
import io.gatehouse.testing.Behaviour;
import io.gatehouse.testing.EventLoopCounts;
import io.gatehouse.testing.Eventually;
import io.gatehouse.testing.LeakDetectionExtension;
import io.gatehouse.testing.RawHttpClient;
import io.gatehouse.testing.RawResponse;
import io.gatehouse.testing.RecordedRequest;
import io.gatehouse.testing.TestGateway;
import io.gatehouse.testing.TestOrigin;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.zip.CRC32;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Retries through the real gateway: which failed tries are tried again and where, how often, with which body,
 * and when not at all (non-idempotent methods, bodies beyond the replay buffer, a response already under way, a
 * Retry-After beyond the total deadline, an exhausted retry budget).
 */
@ExtendWith(LeakDetectionExtension.class)
class RetryIntegrationTest {

    private static final Duration WAIT = Duration.ofSeconds(5);
    private static final String RETRY_TWICE = "retries: { attempts: 2, backoff: 1ms }";

    private static TestGateway start(int loops, String upstreamsAndRoutes) {
        return TestGateway.start(TestGateway.config(loops, upstreamsAndRoutes));
    }

    private static long counter(TestGateway gateway, String name) {
        JsonNode counters = new AdminClient(gateway).upstream("backend").path("counters");
        assertThat(counters.has(name)).as("counter %s in %s", name, counters).isTrue();
        return counters.path(name).asLong();
    }

    @EventLoopCounts
    void a503IsRetriedOnTheOtherEndpoint(int loops) throws Exception {
        // Shared by both origins: whichever the first try reaches answers 503, the next request gets 200.
        Behaviour failOnce = Behaviour.sequence(Behaviour.status(503).body("busy"), Behaviour.echo());
        try (TestOrigin a = TestOrigin.start("a").on("/flaky", failOnce);
             TestOrigin b = TestOrigin.start("b").on("/flaky", failOnce);
             TestGateway gateway = start(loops, backend(endpoints(a, b), "", RETRY_TWICE))) {
            RawResponse response = TrafficSupport.get(gateway, "/flaky");

            assertThat(response.status()).as(response.bodyText()).isEqualTo(200);
            // One try each: the retry avoided the endpoint that had just failed.
            assertThat(a.requests()).hasSize(1);
            assertThat(b.requests()).hasSize(1);
            assertThat(counter(gateway, "retries")).isEqualTo(1);
        }
    }

    @EventLoopCounts
    void aRefusedConnectionIsRetriedOnALiveEndpoint(int loops) throws Exception {
        try (TestOrigin live = TestOrigin.start("live");
             TestGateway gateway = start(loops,
                     backend(endpoints(TestOrigin.closedAuthority(), live.authority()), "", RETRY_TWICE));
             RawHttpClient client = RawHttpClient.connect(gateway.port())) {
            // Round robin sends at least one of these first tries to the closed port.
            for (int i = 0; i < 4; i++) {
                RawResponse response = client.write(get("/request/" + i)).readResponse();
                assertThat(response.status()).as("request %d: %s", i, response.bodyText()).isEqualTo(200);
            }
            assertThat(live.requests()).hasSize(4);
            assertThat(counter(gateway, "retries")).isPositive();
        }
    }

    @EventLoopCounts
    void aResetBeforeTheResponseIsRetried(int loops) throws Exception {
        Behaviour resetOnce = Behaviour.sequence(Behaviour.echo().reset(), Behaviour.echo());
        try (TestOrigin a = TestOrigin.start("a").on("/flaky", resetOnce);
             TestOrigin b = TestOrigin.start("b").on("/flaky", resetOnce);
             TestGateway gateway = start(loops, backend(endpoints(a, b), "", RETRY_TWICE))) {
            RawResponse response = TrafficSupport.get(gateway, "/flaky");

            assertThat(response.status()).as(response.bodyText()).isEqualTo(200);
            assertThat(requestsTo(a, b)).isEqualTo(2);
        }
    }

    @EventLoopCounts
    void triesAreBoundedByAttemptsAndTheLastFailureIsPassedOn(int loops) throws Exception {
        try (TestOrigin origin = TestOrigin.start().on("/down", Behaviour.status(503).body("still down"));
             TestGateway gateway = start(loops,
                     backend(endpoints(origin), "", "retries: { attempts: 3, backoff: 1ms }"))) {
            RawResponse response = TrafficSupport.get(gateway, "/down");

            assertThat(response.status()).isEqualTo(503);
            assertThat(response.bodyText()).isEqualTo("still down");
            assertThat(origin.requests()).hasSize(3);
            assertThat(counter(gateway, "retries")).isEqualTo(2);
        }
    }

    @EventLoopCounts
    void aPostIsNotRetriedUnlessTheRouteAllowsIt(int loops) throws Exception {
        Behaviour down = Behaviour.status(503).body("down");
        try (TestOrigin a = TestOrigin.start("a").on("/orders", down);
             TestOrigin b = TestOrigin.start("b").on("/orders", down);
             TestGateway gateway = start(loops, backend(endpoints(a, b), "", RETRY_TWICE))) {
            RawResponse response = HttpTestSupport.exchange(gateway.port(), post("/orders", "{\"n\":1}"));

            assertThat(response.status()).isEqualTo(503);
            assertThat(requestsTo(a, b)).isEqualTo(1);
            assertThat(counter(gateway, "retries")).isZero();
        }
    }

    @EventLoopCounts
    void aRetriedPostReplaysABodyLargerThanTheSocketBuffers(int loops) throws Exception {
        byte[] body = randomBytes(8 * 1024 * 1024);
        String head = "POST /upload HTTP/1.1\r\nHost: gatehouse.test\r\nContent-Length: " + body.length + "\r\n\r\n";
        List<RecordedRequest> tries = retriedOnce(loops, "/upload", Behaviour.status(503),
                client -> client.write(head).write(body));

        assertThat(tries).allSatisfy(received -> {
            assertThat(received.complete()).isTrue();
            assertThat(received.bodyBytes()).isEqualTo(body.length);
            assertThat(received.bodyCrc32()).isEqualTo(crc32(body));
        });
    }

    @EventLoopCounts
    void aRetriedPostReplaysAChunkedBodyWithItsTrailers(int loops) throws Exception {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        StringBuilder wire = new StringBuilder("POST /chunks HTTP/1.1\r\nHost: gatehouse.test\r\n"
                + "Transfer-Encoding: chunked\r\n\r\n");
        for (int i = 1; i <= 5; i++) {
            String chunk = ("part " + i + ";").repeat(i * 100);
            body.writeBytes(chunk.getBytes(StandardCharsets.ISO_8859_1));
            wire.append(Integer.toHexString(chunk.length())).append("\r\n").append(chunk).append("\r\n");
        }
        wire.append("0\r\nX-Checksum: done\r\n\r\n");
        List<RecordedRequest> tries = retriedOnce(loops, "/chunks", Behaviour.status(503),
                client -> client.write(wire.toString()));

        assertThat(tries).allSatisfy(received -> {
            assertThat(received.complete()).isTrue();
            assertThat(received.bodyBytes()).isEqualTo(body.size());
            assertThat(received.bodyCrc32()).isEqualTo(crc32(body.toByteArray()));
            assertThat(received.trailers().get("X-Checksum")).isEqualTo("done");
        });
    }

    @EventLoopCounts
    void aTryAnsweredBeforeItsBodyArrivedIsRetriedWithTheWholeBody(int loops) throws Exception {
        // The rest of the body reaches the gateway only after the retry was decided, and goes to the next try.
        byte[] body = randomBytes(2 * 1024 * 1024);
        String head = "POST /upload HTTP/1.1\r\nHost: gatehouse.test\r\nContent-Length: " + body.length + "\r\n\r\n";
        List<RecordedRequest> tries = retriedOnce(loops, "/upload", Behaviour.status(503).respondBeforeRequestBody(),
                client -> client.write(head).write(body));

        RecordedRequest retried = tries.get(1);
        assertThat(retried.complete()).isTrue();
        assertThat(retried.bodyBytes()).isEqualTo(body.length);
        assertThat(retried.bodyCrc32()).isEqualTo(crc32(body));
    }

    /**
     * Sends a request through a route that retries non-idempotent methods to two origins, the first try answered
     * as {@code failure} says and the second 200; returns the request as each origin received it, the failed try
     * first.
     */
    private static List<RecordedRequest> retriedOnce(int loops, String path, Behaviour failure,
                                                     RequestWriter request) throws Exception {
        Behaviour failOnce = Behaviour.sequence(failure, Behaviour.echo());
        try (TestOrigin a = TestOrigin.start("a").on(path, failOnce);
             TestOrigin b = TestOrigin.start("b").on(path, failOnce);
             TestGateway gateway = start(loops, backend(endpoints(a, b), "", "max-body-size: 32MiB, retries: "
                     + "{ attempts: 2, backoff: 1ms, non-idempotent: true, replay-buffer: 16MiB }"));
             RawHttpClient client = RawHttpClient.connect(gateway.port())) {
            request.writeTo(client);
            RawResponse response = client.readResponse();

            assertThat(response.status()).as(response.bodyText()).isEqualTo(200);
            // A try cut short is recorded when its connection closes, which may come a little later.
            a.awaitRequests(1, WAIT);
            b.awaitRequests(1, WAIT);
            assertThat(requestsTo(a, b)).isEqualTo(2);
            boolean bAnswered = response.bodyText().contains("\"origin\":\"b\"");
            return List.of((bAnswered ? a : b).requests().get(0), (bAnswered ? b : a).requests().get(0));
        }
    }

    @FunctionalInterface
    private interface RequestWriter {
        void writeTo(RawHttpClient client) throws IOException;
    }

    @EventLoopCounts
    void aBodyBeyondTheReplayBufferIsNotRetried(int loops) throws Exception {
        Behaviour down = Behaviour.status(503).body("down");
        try (TestOrigin a = TestOrigin.start("a").on("/items/1", down);
             TestOrigin b = TestOrigin.start("b").on("/items/1", down);
             TestGateway gateway = start(loops, backend(endpoints(a, b), "",
                     "retries: { attempts: 2, backoff: 1ms, replay-buffer: 1KiB }"))) {
            // PUT is idempotent: only the body's size keeps it from being retried.
            String request = "PUT /items/1 HTTP/1.1\r\nHost: gatehouse.test\r\nContent-Length: 4096\r\n\r\n"
                    + "x".repeat(4096);
            RawResponse response = HttpTestSupport.exchange(gateway.port(), request);

            assertThat(response.status()).isEqualTo(503);
            assertThat(requestsTo(a, b)).isEqualTo(1);
        }
    }

    @EventLoopCounts
    void aBodyThatOutgrowsTheReplayBufferWhileARetryWaitsFailsTheRequest(int loops) throws Exception {
        // The first try is answered before its body, which then goes on arriving while the retry waits.
        Behaviour earlyFailure = Behaviour.sequence(
                Behaviour.status(503).header("Retry-After", "2").respondBeforeRequestBody(), Behaviour.echo());
        try (TestOrigin a = TestOrigin.start("a").on("/upload", earlyFailure);
             TestOrigin b = TestOrigin.start("b").on("/upload", earlyFailure);
             TestGateway gateway = start(loops, backend(endpoints(a, b), "",
                     "retries: { attempts: 2, non-idempotent: true, replay-buffer: 1KiB }"));
             RawHttpClient client = RawHttpClient.connect(gateway.port())) {
            client.write("POST /upload HTTP/1.1\r\nHost: gatehouse.test\r\nTransfer-Encoding: chunked\r\n\r\n"
                    + "64\r\n" + "a".repeat(100) + "\r\n");
            Eventually.await("the retry to be scheduled", WAIT, () -> counter(gateway, "retries") == 1);
            client.write("1000\r\n" + "b".repeat(4096) + "\r\n0\r\n\r\n");

            // The next try could only have had the end of the body: no try at all, and the client is told.
            HttpTestSupport.assertProblem(client.readResponse(), 502);
            // The first try, cut short, is recorded when its connection closes, which may come a little later.
            Eventually.await("the first try to be recorded", WAIT, () -> requestsTo(a, b) == 1);
            assertThat(a.connectionsAccepted() + b.connectionsAccepted()).isEqualTo(1);
        }
    }

    @EventLoopCounts
    void noRetryOnceTheResponseHasStartedDownstream(int loops) throws Exception {
        Behaviour cut = Behaviour.status(200).body(new byte[64 * 1024]).resetAfterHead();
        try (TestOrigin a = TestOrigin.start("a").on("/cut", cut);
             TestOrigin b = TestOrigin.start("b").on("/cut", cut);
             TestGateway gateway = start(loops, backend(endpoints(a, b), "",
                     "retries: { attempts: 3, backoff: 1ms, on: [reset, connect-failure, 5xx] }"));
             RawHttpClient client = RawHttpClient.connect(gateway.port())) {
            client.write(get("/cut"));

            assertThatThrownBy(client::readResponse).isInstanceOf(IOException.class);
            assertThat(requestsTo(a, b)).isEqualTo(1);
            assertThat(counter(gateway, "retries")).isZero();
        }
    }

    @EventLoopCounts
    void aRetryAfterWithinTheTotalDeadlineIsWaitedForAndRetried(int loops) throws Exception {
        Behaviour failOnce = Behaviour.sequence(Behaviour.status(503).header("Retry-After", "1"), Behaviour.echo());
        try (TestOrigin a = TestOrigin.start("a").on("/later", failOnce);
             TestOrigin b = TestOrigin.start("b").on("/later", failOnce);
             TestGateway gateway = start(loops, backend(endpoints(a, b), "",
                     RETRY_TWICE + ", timeouts: { total: 10s }"))) {
            RawResponse response = TrafficSupport.get(gateway, "/later");

            assertThat(response.status()).as(response.bodyText()).isEqualTo(200);
            assertThat(requestsTo(a, b)).isEqualTo(2);
        }
    }

    @EventLoopCounts
    void aRetryAfterBeyondTheTotalDeadlinePassesTheFailureOn(int loops) throws Exception {
        Behaviour failOnce = Behaviour.sequence(
                Behaviour.status(503).header("Retry-After", "30").body("come back later"), Behaviour.echo());
        try (TestOrigin a = TestOrigin.start("a").on("/later", failOnce);
             TestOrigin b = TestOrigin.start("b").on("/later", failOnce);
             TestGateway gateway = start(loops, backend(endpoints(a, b), "",
                     RETRY_TWICE + ", timeouts: { total: 5s }"))) {
            RawResponse response = TrafficSupport.get(gateway, "/later");

            assertThat(response.status()).isEqualTo(503);
            assertThat(response.header("retry-after")).isEqualTo("30");
            assertThat(response.bodyText()).isEqualTo("come back later");
            assertThat(requestsTo(a, b)).isEqualTo(1);
        }
    }

    @EventLoopCounts
    void anEmptyRetryBudgetRetriesNothingAndCountsTheRefusal(int loops) throws Exception {
        try (TestOrigin origin = TestOrigin.start().on("/down", Behaviour.status(503).body("down"));
             TestGateway gateway = start(loops, backend(endpoints(origin), "",
                     "retries: { attempts: 3, backoff: 1ms, budget: 0%, min-retries: 0 }"))) {
            RawResponse response = TrafficSupport.get(gateway, "/down");

            assertThat(response.status()).isEqualTo(503);
            assertThat(response.bodyText()).isEqualTo("down");
            assertThat(origin.requests()).hasSize(1);
            assertThat(counter(gateway, "retry_budget_exhausted")).isEqualTo(1);
            assertThat(counter(gateway, "retries")).isZero();
        }
    }

    private static String post(String path, String body) {
        return "POST " + path + " HTTP/1.1\r\nHost: gatehouse.test\r\nContent-Type: application/json\r\n"
                + "Content-Length: " + body.getBytes(StandardCharsets.UTF_8).length + "\r\n\r\n" + body;
    }

    private static byte[] randomBytes(int length) {
        byte[] bytes = new byte[length];
        new Random(42).nextBytes(bytes);
        return bytes;
    }

    private static long crc32(byte[] bytes) {
        CRC32 crc = new CRC32();
        crc.update(bytes);
        return crc.getValue();
    }
}
