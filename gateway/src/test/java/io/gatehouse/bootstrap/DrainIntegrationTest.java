package io.gatehouse.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gatehouse.testing.Behaviour;
import io.gatehouse.testing.Eventually;
import io.gatehouse.testing.LeakDetectionExtension;
import io.gatehouse.testing.ProxyRig;
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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

@ExtendWith(LeakDetectionExtension.class)
class DrainIntegrationTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @RegisterExtension
    final ProxyRig rig = ProxyRig.withoutClient(() -> TestOrigin.start()
                    .on("/slow", Behaviour.status(200).body("slow done").delay(Duration.ofSeconds(1)))
                    .on("/stuck", Behaviour.status(200).body("too late").delay(Duration.ofSeconds(30))),
            authority -> TestGateway.config(1, "drain-timeout: 10s", """
                    upstreams:
                      app: { endpoints: [ { address: "%s" } ] }
                    routes:
                      - name: app
                        match: { prefix: / }
                        upstream: app
                    """.formatted(authority)));

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
        assertThat(rig.admin().get("/readyz").statusCode()).isEqualTo(200);
        int port = rig.gateway().port();
        try (RawHttpClient idle = RawHttpClient.connect(port); RawHttpClient busy = RawHttpClient.connect(port)) {
            assertThat(get(idle, "/fast").status()).isEqualTo(200);
            busy.write("GET /slow HTTP/1.1\r\nHost: x\r\n\r\n");
            rig.origin().awaitRequests(2, WAIT);

            CompletableFuture<Boolean> drained =
                    CompletableFuture.supplyAsync(() -> rig.gateway().gateway().drain(WAIT));

            Eventually.await("/readyz answering 503", WAIT, () -> rig.admin().get("/readyz").statusCode() == 503);
            assertThat(rig.admin().get("/healthz").statusCode()).as("still live while draining").isEqualTo(200);
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
        assertThat(rig.admin().get("/readyz").statusCode()).isEqualTo(503);
    }

    @Test
    void drainLetsARequestBodyThatIsStillArrivingFinish() throws Exception {
        int port = rig.gateway().port();
        try (RawHttpClient idle = RawHttpClient.connect(port); RawHttpClient upload = RawHttpClient.connect(port)) {
            assertThat(get(idle, "/fast").status()).isEqualTo(200);
            upload.write("POST /upload HTTP/1.1\r\nHost: x\r\nContent-Length: 12\r\n\r\nabcd");
            Eventually.await("the upload's exchange holding an upstream connection", WAIT,
                    () -> rig.admin().metric("gatehouse_upstream_pool_connections{endpoint=\""
                            + rig.origin().authority() + "\",state=\"active\",upstream=\"app\"}") == 1);

            CompletableFuture<Boolean> drained =
                    CompletableFuture.supplyAsync(() -> rig.gateway().gateway().drain(WAIT));
            assertThat(idle.isClosedByPeer(WAIT)).isTrue();
            upload.write("efgh");
            upload.write("ijkl");

            RawResponse response = upload.readResponse();
            assertThat(response.status()).isEqualTo(200);
            assertThat(response.header("connection")).isEqualToIgnoringCase("close");
            assertThat(rig.origin().awaitRequests(2, WAIT).get(1).bodyBytes()).isEqualTo(12);
            assertThat(drained.get(10, TimeUnit.SECONDS)).isTrue();
        }
    }

    @Test
    void closeDrainsTheRequestInFlight() throws Exception {
        try (RawHttpClient busy = RawHttpClient.connect(rig.gateway().port())) {
            busy.write("GET /slow HTTP/1.1\r\nHost: x\r\n\r\n");
            rig.origin().awaitRequests(1, WAIT);

            CompletableFuture<Void> closed = CompletableFuture.runAsync(rig.gateway().gateway()::close);

            RawResponse response = busy.readResponse();
            assertThat(response.status()).isEqualTo(200);
            assertThat(response.header("connection")).isEqualToIgnoringCase("close");
            closed.get(10, TimeUnit.SECONDS);
            assertThat(busy.isClosedByPeer(WAIT)).isTrue();
        }
    }

    @Test
    void drainThatTimesOutClosesWhatIsLeftAndReportsIt() throws Exception {
        try (RawHttpClient busy = RawHttpClient.connect(rig.gateway().port())) {
            busy.write("GET /stuck HTTP/1.1\r\nHost: x\r\n\r\n");
            rig.origin().awaitRequests(1, WAIT);

            assertThat(rig.gateway().gateway().drain(Duration.ofMillis(200))).isFalse();

            assertThatThrownBy(busy::readResponse).isInstanceOf(IOException.class);
            rig.origin().awaitOpenConnections(0, WAIT);
        }
    }
}
