package io.gatehouse.upstream.pool;

import io.gatehouse.testing.EventLoopCounts;
import io.gatehouse.testing.FullBacklogPort;
import static org.assertj.core.api.Assertions.assertThat;

import io.gatehouse.testing.AdminClient;
import io.gatehouse.testing.Behaviour;
import io.gatehouse.testing.Eventually;
import io.gatehouse.testing.LeakDetectionExtension;
import io.gatehouse.testing.RawHttpClient;
import io.gatehouse.testing.RawResponse;
import io.gatehouse.testing.TestOrigin;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * An exchange that ends abnormally closes its upstream connection instead of pooling it: the origin sees the
 * close, and the next request arrives on a new connection.
 */
@ExtendWith(LeakDetectionExtension.class)
class AbnormalEndIntegrationTest {

    private static final Duration WAIT = Duration.ofSeconds(5);

    private final TestOrigin origin = TestOrigin.start();

    @EventLoopCounts
    void clientAbortingMidResponseClosesTheUpstreamConnection(int loops) throws Exception {
        origin.on("/large", Behaviour.status(200).generatedBody(256L << 20));
        try (PooledGateway gateway = PooledGateway.withLoops(loops).start(origin)) {
            try (Socket client = new Socket()) {
                client.connect(new InetSocketAddress("127.0.0.1", gateway.port()));
                client.getOutputStream().write("GET /large HTTP/1.1\r\nHost: gatehouse.test\r\n\r\n"
                        .getBytes(StandardCharsets.ISO_8859_1));
                client.setSoTimeout((int) WAIT.toMillis());
                assertThat(readAscii(client.getInputStream(), 12)).isEqualTo("HTTP/1.1 200");
            }
            try (RawHttpClient next = gateway.connect()) {
                assertNextRequestUsesANewConnection(next);
            }
        }
    }

    @EventLoopCounts
    void responseTimeoutClosesTheUpstreamConnection(int loops) throws Exception {
        origin.on("/slow", Behaviour.status(200).body("late").delay(Duration.ofSeconds(30)));
        try (PooledGateway gateway = PooledGateway.withLoops(loops).timeouts("response: 200ms").start(origin);
             RawHttpClient client = gateway.connect()) {
            assertThat(PooledGateway.get(client, "/slow").status()).isEqualTo(504);
            assertNextRequestUsesANewConnection(client);
        }
    }

    @EventLoopCounts
    void earlyResponseDuringUploadIsForwardedAndBothConnectionsClose(int loops) throws Exception {
        origin.on("/upload", Behaviour.status(200).body("early").respondBeforeRequestBody());
        try (PooledGateway gateway = PooledGateway.withLoops(loops).start(origin);
             RawHttpClient client = gateway.connect()) {
            client.write("POST /upload HTTP/1.1\r\nHost: gatehouse.test\r\nContent-Length: 1048576\r\n\r\n")
                    .write(new byte[16 * 1024]);
            RawResponse response = client.readResponse();
            assertThat(response.status()).isEqualTo(200);
            assertThat(response.bodyText()).isEqualTo("early");
            assertThat(client.isClosedByPeer(WAIT)).as("client connection closed").isTrue();
            try (RawHttpClient next = gateway.connect()) {
                assertNextRequestUsesANewConnection(next);
            }
        }
    }

    @EventLoopCounts
    void malformedUpstreamResponseIs502AndItsConnectionIsNotReused(int loops) throws Exception {
        origin.on("/malformed", Behaviour.status(200).header("content-length", "5").header("content-length", "6")
                .body("hello"));
        try (PooledGateway gateway = PooledGateway.withLoops(loops).start(origin);
             RawHttpClient client = gateway.connect()) {
            RawResponse response = PooledGateway.get(client, "/malformed");
            assertThat(response.status()).isEqualTo(502);
            assertThat(response.header("content-type")).isEqualTo("application/problem+json");
            assertNextRequestUsesANewConnection(client);
        }
    }

    @EventLoopCounts
    void originAskingToCloseIsNotReused(int loops) throws Exception {
        // The origin says close but leaves the connection open: only the gateway's own choice closes it.
        origin.on("/bye", Behaviour.status(200).header("connection", "close").body("bye"));
        try (PooledGateway gateway = PooledGateway.withLoops(loops).start(origin);
             RawHttpClient client = gateway.connect()) {
            RawResponse response = PooledGateway.get(client, "/bye");
            assertThat(response.status()).isEqualTo(200);
            assertThat(response.bodyText()).isEqualTo("bye");
            assertNextRequestUsesANewConnection(client);
        }
    }

    @EventLoopCounts
    void clientLeavingWhileTheConnectionIsOpenedFreesItsSlotWhenTheConnectEnds(int loops) throws Exception {
        try (FullBacklogPort silent = new FullBacklogPort();
             // Long enough a connect that a slow admin scrape still sees it in progress.
             PooledGateway gateway = PooledGateway.withLoops(loops).limits("max-connections: 1, max-pending: 0")
                     .timeouts("connect: 2s").start(List.of(silent.authority()))) {
            AdminClient admin = gateway.admin();
            String active = "gatehouse_upstream_pool_connections{endpoint=\"" + silent.authority()
                    + "\",state=\"active\",upstream=\"backend\"}";
            try (RawHttpClient leaving = gateway.connect()) {
                // Part of a body, held by the exchange while there is no connection to send it on.
                leaving.write("POST /leaving HTTP/1.1\r\nHost: gatehouse.test\r\nContent-Length: 10\r\n\r\nhello");
                Eventually.await("the connect to start", Duration.ofSeconds(10), () -> admin.metric(active) == 1);
            }
            Eventually.await("the abandoned connect to time out", Duration.ofSeconds(10),
                    () -> admin.metric(active) == 0);
            // The abandoned connect timed out and gave its slot back: a new request gets to try (504), not 503.
            RawResponse response = gateway.get("/next");
            assertThat(response.status()).as(response.bodyText()).isEqualTo(504);
        }
    }

    /**
     * The origin sees its only connection closed, and the next request, from {@code client} (on the same event
     * loop as the one that ended abnormally, where it could) arrives on a second connection.
     */
    private void assertNextRequestUsesANewConnection(RawHttpClient client) throws IOException {
        assertThat(origin.connectionsAccepted()).isEqualTo(1);
        origin.awaitOpenConnections(0, WAIT);
        assertThat(PooledGateway.get(client, "/next").status()).isEqualTo(200);
        assertThat(origin.connectionsAccepted()).isEqualTo(2);
    }

    private static String readAscii(InputStream in, int length) throws IOException {
        return new String(in.readNBytes(length), StandardCharsets.ISO_8859_1);
    }
}
