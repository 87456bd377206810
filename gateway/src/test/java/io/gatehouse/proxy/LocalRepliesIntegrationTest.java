package io.gatehouse.proxy;

import static io.gatehouse.proxy.HttpTestSupport.assertProblem;
import static io.gatehouse.proxy.HttpTestSupport.get;
import static org.assertj.core.api.Assertions.assertThat;

import io.gatehouse.testing.LeakDetectionExtension;
import io.gatehouse.testing.ProxyRig;
import io.gatehouse.testing.RawResponse;
import io.gatehouse.testing.TestOrigin;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Requests the gateway refuses itself, at the head or while reading the body, and what that does to the connection. */
@ExtendWith(LeakDetectionExtension.class)
class LocalRepliesIntegrationTest {

    private static final Duration CLOSE_WAIT = Duration.ofSeconds(5);

    @RegisterExtension
    final ProxyRig rig = ProxyRig.withClient(TestOrigin::start,
            authority -> HttpTestSupport.config("max-initial-line: 256, max-header-size: 1KiB", """
                    upstreams:
                      origin: { endpoints: [ { address: "%s" } ] }
                    routes:
                      - { name: read-only, match: { path: /items, methods: [GET, HEAD] }, upstream: origin }
                      - { name: small, match: { prefix: /small }, upstream: origin, max-body-size: 16 }
                      - { name: app, match: { prefix: /app }, upstream: origin }
                    """.formatted(authority)));

    private RawResponse send(String request) throws Exception {
        return rig.client().write(request).readResponse();
    }

    private void assertStillServing() throws Exception {
        assertThat(send(get("/app/next")).status()).isEqualTo(200);
    }

    private void assertClosed() throws Exception {
        assertThat(rig.client().isClosedByPeer(CLOSE_WAIT)).as("connection closed by the gateway").isTrue();
    }

    @Test
    void noRouteIs404AndKeepsTheConnection() throws Exception {
        RawResponse response = send(get("/elsewhere"));
        assertProblem(response, 404);
        assertThat(response.bodyText()).contains("/elsewhere");
        assertStillServing();
        assertThat(rig.origin().requests()).hasSize(1);
    }

    @Test
    void wrongMethodIs405WithAllowAndKeepsTheConnection() throws Exception {
        RawResponse response = send("DELETE /items HTTP/1.1\r\nHost: x\r\n\r\n");
        assertProblem(response, 405);
        assertThat(response.header("allow")).isEqualTo("GET, HEAD");
        assertStillServing();
    }

    @Test
    void malformedRequestLineIs400AndCloses() throws Exception {
        assertProblem(send("GET /app HTTP/9.Z\r\nHost: x\r\n\r\n"), 400);
        assertClosed();
    }

    @Test
    void requestLineWithoutVersionIs400AndCloses() throws Exception {
        assertProblem(send("GET\r\nHost: x\r\n\r\n"), 400);
        assertClosed();
    }

    @Test
    void headerWithoutColonIs400AndCloses() throws Exception {
        assertProblem(send("GET /app HTTP/1.1\r\nHost: x\r\nNo colon here\r\n\r\n"), 400);
        assertClosed();
    }

    @Test
    void foldedHeaderLineIs400AndCloses() throws Exception {
        assertProblem(send("GET /app HTTP/1.1\r\nHost: x\r\nX-Folded: a\r\n b\r\n\r\n"), 400);
        assertClosed();
        assertThat(rig.origin().requests()).isEmpty();
    }

    @Test
    void transferEncodingWithContentLengthIs400AndCloses() throws Exception {
        assertProblem(send("POST /app HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n"
                + "0\r\n\r\nGET /app/smuggled HTTP/1.1\r\nHost: x\r\n\r\n"), 400);
        assertClosed();
        assertThat(rig.origin().requests()).isEmpty();
    }

    @Test
    void twoDifferentContentLengthsAre400AndClose() throws Exception {
        assertProblem(send("POST /app HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\nContent-Length: 6\r\n\r\n"
                + "hello!"), 400);
        assertClosed();
        assertThat(rig.origin().requests()).isEmpty();
    }

    @Test
    void commaSeparatedContentLengthsAre400AndClose() throws Exception {
        assertProblem(send("POST /app HTTP/1.1\r\nHost: x\r\nContent-Length: 5, 6\r\n\r\nhello!"), 400);
        assertClosed();
    }

    @Test
    void unsupportedTransferCodingIs501AndCloses() throws Exception {
        assertProblem(send("POST /app HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: gzip, chunked\r\n\r\n"
                + "5\r\nhello\r\n0\r\n\r\n"), 501);
        assertClosed();
        assertThat(rig.origin().requests()).isEmpty();
    }

    @Test
    void transferEncodingNotEndingInChunkedIs400AndCloses() throws Exception {
        assertProblem(send("POST /app HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: gzip\r\n\r\n"
                + "GET /app/smuggled HTTP/1.1\r\nHost: x\r\n\r\n"), 400);
        assertClosed();
        assertThat(rig.origin().requests()).isEmpty();
    }

    @Test
    void websocketUpgradeIs501() throws Exception {
        RawResponse response = send("GET /app/ws HTTP/1.1\r\nHost: x\r\nConnection: Upgrade\r\nUpgrade: websocket\r\n"
                + "Sec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n");
        assertProblem(response, 501);
        assertThat(response.bodyText()).contains("websocket");
        assertStillServing();
        assertThat(rig.origin().requests()).extracting(r -> r.path()).containsExactly("/app/next");
    }

    @Test
    void unsupportedExpectationIs417() throws Exception {
        assertProblem(send("GET /app HTTP/1.1\r\nHost: x\r\nExpect: something-else\r\n\r\n"), 417);
        assertStillServing();
        assertThat(rig.origin().requests()).hasSize(1);
    }

    @Test
    void declaredBodyOverTheRouteLimitIs413AndCloses() throws Exception {
        assertProblem(send("POST /small HTTP/1.1\r\nHost: x\r\nContent-Length: 17\r\n\r\n12345678901234567"), 413);
        assertClosed();
        assertThat(rig.origin().requests()).isEmpty();
    }

    @Test
    void chunkedBodyGrowingPastTheRouteLimitIs413AndCloses() throws Exception {
        rig.client().write("POST /small HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n8\r\n12345678\r\n");
        RawResponse response = send("8\r\n12345678\r\n8\r\n12345678\r\n0\r\n\r\n");
        assertProblem(response, 413);
        assertClosed();
        assertThat(rig.origin().requests()).noneMatch(request -> request.complete());
    }

    @Test
    void bodyExactlyAtTheRouteLimitPasses() throws Exception {
        RawResponse response = send("POST /small HTTP/1.1\r\nHost: x\r\nContent-Length: 16\r\n\r\n1234567890123456");
        assertThat(response.status()).isEqualTo(200);
        assertThat(rig.origin().awaitRequests(1, CLOSE_WAIT).get(0).bodyBytes()).isEqualTo(16);
    }

    @Test
    void requestLineOverTheLimitIs414AndCloses() throws Exception {
        assertProblem(send(get("/app/" + "a".repeat(300))), 414);
        assertClosed();
    }

    @Test
    void headersOverTheLimitAre431AndClose() throws Exception {
        assertProblem(send("GET /app HTTP/1.1\r\nHost: x\r\nX-Big: " + "b".repeat(2048) + "\r\n\r\n"), 431);
        assertClosed();
    }
}
