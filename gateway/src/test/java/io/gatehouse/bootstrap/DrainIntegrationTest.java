package io.gatehouse.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gatehouse.testing.AdminClient;
import io.gatehouse.testing.Behaviour;
import io.gatehouse.testing.Eventually;
import io.gatehouse.testing.LeakDetectionExtension;
import io.gatehouse.testing.RawHttpClient;
import io.gatehouse.testing.RawResponse;
import io.gatehouse.testing.TestGateway;
import io.gatehouse.testing.TestOrigin;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(LeakDetectionExtension.class)
class DrainIntegrationTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    private TestOrigin origin;
    private TestGateway gateway;
    private AdminClient admin;

    @BeforeEach
    void start() {
        origin = TestOrigin.start();
        origin.on("/slow", Behaviour.status(200).body("slow done").delay(Duration.ofSeconds(1)));
        origin.on("/stuck", Behaviour.status(200).body("too late").delay(Duration.ofSeconds(30)));
        gateway = TestGateway.start("""
                server: { event-loops: 1, drain-timeout: 10s }
                listeners: [ { name: public, address: 127.0.0.1, port: 0 } ]
                admin: { address: 127.0.0.1, port: 0 }
                access-log: { enabled: false }
                upstreams:
                  app: { endpoints: [ { address: "%s" } ] }
                routes:
                  - name: app
                    match: { prefix: / }
                    upstream: app
                """.formatted(origin.authority()));
        admin = new AdminClient(gateway);
    }

    @AfterEach
    void stop() {
        gateway.close();
        origin.close();
    }

    private static RawResponse get(RawHttpClient client, String path) throws IOException {
        return client.write("GET " + path + " HTTP/1.1\r\nHost: x\r\n\r\n").readResponse();
    }

    private static boolean refuses(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 1000);
            return false;
        } catch (ConnectException e) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    @Test
    void drainLetsTheRequestInFlightFinishAndClosesEverythingElse() throws Exception {
        assertThat(admin.get("/readyz").statusCode()).isEqualTo(200);
        int port = gateway.port();
        try (RawHttpClient idle = RawHttpClient.connect(port); RawHttpClient busy = RawHttpClient.connect(port)) {
            assertThat(get(idle, "/fast").status()).isEqualTo(200);
            busy.write("GET /slow HTTP/1.1\r\nHost: x\r\n\r\n");
            origin.awaitRequests(2, WAIT);

            CompletableFuture<Boolean> drained = CompletableFuture.supplyAsync(() -> gateway.gateway().drain(WAIT));

            Eventually.await("/readyz answering 503", WAIT, () -> admin.get("/readyz").statusCode() == 503);
            assertThat(admin.get("/healthz").statusCode()).as("still live while draining").isEqualTo(200);
            assertThat(idle.isClosedByPeer(WAIT)).as("idle keep-alive connection closed").isTrue();
            Eventually.await("new connections refused", WAIT, () -> refuses(port));
            assertThat(drained).isNotDone();

            RawResponse response = busy.readResponse();
            assertThat(response.status()).isEqualTo(200);
            assertThat(response.bodyText()).isEqualTo("slow done");
            assertThat(response.header("connection")).isEqualToIgnoringCase("close");
            assertThat(busy.isClosedByPeer(WAIT)).isTrue();

            assertThat(drained.get(10, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(admin.get("/readyz").statusCode()).isEqualTo(503);
    }

    @Test
    void drainLetsARequestBodyThatIsStillArrivingFinish() throws Exception {
        int port = gateway.port();
        try (RawHttpClient idle = RawHttpClient.connect(port); RawHttpClient upload = RawHttpClient.connect(port)) {
            assertThat(get(idle, "/fast").status()).isEqualTo(200);
            upload.write("POST /upload HTTP/1.1\r\nHost: x\r\nContent-Length: 12\r\n\r\nabcd");
            Eventually.await("the upload's exchange holding an upstream connection", WAIT,
                    () -> admin.metric("gatehouse_upstream_pool_connections{endpoint=\"" + origin.authority()
                            + "\",state=\"active\",upstream=\"app\"}") == 1);

            CompletableFuture<Boolean> drained = CompletableFuture.supplyAsync(() -> gateway.gateway().drain(WAIT));
            assertThat(idle.isClosedByPeer(WAIT)).isTrue();
            upload.write("efgh");
            upload.write("ijkl");

            RawResponse response = upload.readResponse();
            assertThat(response.status()).isEqualTo(200);
            assertThat(response.header("connection")).isEqualToIgnoringCase("close");
            assertThat(origin.awaitRequests(2, WAIT).get(1).bodyBytes()).isEqualTo(12);
            assertThat(drained.get(10, TimeUnit.SECONDS)).isTrue();
        }
    }

    @Test
    void closeDrainsTheRequestInFlight() throws Exception {
        try (RawHttpClient busy = RawHttpClient.connect(gateway.port())) {
            busy.write("GET /slow HTTP/1.1\r\nHost: x\r\n\r\n");
            origin.awaitRequests(1, WAIT);

            CompletableFuture<Void> closed = CompletableFuture.runAsync(gateway.gateway()::close);

            RawResponse response = busy.readResponse();
            assertThat(response.status()).isEqualTo(200);
            assertThat(response.header("connection")).isEqualToIgnoringCase("close");
            closed.get(10, TimeUnit.SECONDS);
            assertThat(busy.isClosedByPeer(WAIT)).isTrue();
        }
    }

    @Test
    void drainThatTimesOutClosesWhatIsLeftAndReportsIt() throws Exception {
        try (RawHttpClient busy = RawHttpClient.connect(gateway.port())) {
            busy.write("GET /stuck HTTP/1.1\r\nHost: x\r\n\r\n");
            origin.awaitRequests(1, WAIT);

            assertThat(gateway.gateway().drain(Duration.ofMillis(200))).isFalse();

            assertThatThrownBy(busy::readResponse).isInstanceOf(IOException.class);
            origin.awaitOpenConnections(0, WAIT);
        }
    }
}
