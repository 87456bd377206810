package io.gatehouse.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import io.gatehouse.testing.AdminClient;
import io.gatehouse.testing.Behaviour;
import io.gatehouse.testing.Eventually;
import io.gatehouse.testing.LeakDetectionExtension;
import io.gatehouse.testing.RawHttpClient;
import io.gatehouse.testing.RawResponse;
import io.gatehouse.testing.TestGateway;
import io.gatehouse.testing.TestOrigin;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(LeakDetectionExtension.class)
class HotReloadIntegrationTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final int LOAD_CLIENTS = 3;
    private static final int RELOADS = 20;

    private TestOrigin origin;
    private TestGateway gateway;
    private AdminClient admin;

    @AfterEach
    void stop() {
        if (gateway != null) {
            gateway.close();
        }
        origin.close();
    }

    /** Version {@code v} sets a response header to {@code v} and adds a route that exists only in it. */
    private String config(int eventLoops, int version) {
        return TestGateway.config(eventLoops, """
                upstreams:
                  app: { endpoints: [ { address: "%s" } ] }
                routes:
                  - name: app
                    match: { prefix: /app }
                    upstream: app
                    filters:
                      - headers: { response: { set: { X-Config-Version: "%d" } } }
                  - name: extra-%d
                    match: { path: /extra/%d }
                    upstream: app
                """.formatted(origin.authority(), version, version, version));
    }

    private void start(String yaml) {
        gateway = TestGateway.start(yaml);
        admin = new AdminClient(gateway);
    }

    @Test
    void twentyReloadsUnderLoadFailNothingAndOpenNoUpstreamConnections() throws Exception {
        origin = TestOrigin.start();
        origin.on("/app/warm", Behaviour.status(200).body("warm").delay(Duration.ofMillis(300)));
        start(config(2, 0));

        List<RawHttpClient> connections = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(LOAD_CLIENTS + 1);
        try {
            for (int i = 0; i <= LOAD_CLIENTS; i++) {
                connections.add(RawHttpClient.connect(gateway.port()));
            }
            // Warm-up: every connection has a request in flight at once, so the pools hold as many upstream
            // connections as the test will ever need concurrently (three load clients and one probe).
            List<Future<RawResponse>> warm = new ArrayList<>();
            for (RawHttpClient connection : connections) {
                warm.add(pool.submit(() -> connection.write("GET /app/warm HTTP/1.1\r\nHost: x\r\n\r\n")
                        .readResponse()));
            }
            for (Future<RawResponse> response : warm) {
                assertThat(response.get(10, TimeUnit.SECONDS).status()).isEqualTo(200);
            }
            int upstreamConnections = origin.connectionsAccepted();
            assertThat(upstreamConnections).isEqualTo(LOAD_CLIENTS + 1);

            AtomicBoolean stop = new AtomicBoolean();
            ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
            CountDownLatch loadRunning = new CountDownLatch(LOAD_CLIENTS);
            List<Future<Integer>> load = new ArrayList<>();
            for (int c = 0; c < LOAD_CLIENTS; c++) {
                RawHttpClient connection = connections.get(c);
                int client = c;
                load.add(pool.submit(() -> runLoad(client, connection, stop, failures, loadRunning)));
            }
            assertThat(loadRunning.await(10, TimeUnit.SECONDS)).isTrue();

            RawHttpClient probe = connections.get(LOAD_CLIENTS);
            double okBefore = admin.reloadsOk();
            for (int version = 1; version <= RELOADS; version++) {
                gateway.rewriteConfig(config(2, version));
                if (version % 2 == 0) {
                    HttpResponse<String> reload = admin.post("/admin/reload");
                    assertThat(reload.statusCode()).as(reload.body()).isEqualTo(200);
                    assertThat(reload.body()).contains("\"applied\" : true");
                } else {
                    double expected = okBefore + version;
                    Eventually.await("the watcher applying version " + version, WAIT,
                            () -> admin.reloadsOk() >= expected);
                }
                assertThat(admin.reloadsOk()).isEqualTo(okBefore + version);

                RawResponse app = probe.write("GET /app/probe HTTP/1.1\r\nHost: x\r\n\r\n").readResponse();
                assertThat(app.status()).isEqualTo(200);
                assertThat(app.header("x-config-version")).isEqualTo(String.valueOf(version));
                RawResponse extra = probe.write("GET /extra/" + version + " HTTP/1.1\r\nHost: x\r\n\r\n")
                        .readResponse();
                assertThat(extra.status()).isEqualTo(200);
                RawResponse gone = probe.write("GET /extra/" + (version - 1) + " HTTP/1.1\r\nHost: x\r\n\r\n")
                        .readResponse();
                assertThat(gone.status()).isEqualTo(404);
            }
            stop.set(true);
            int total = 0;
            for (Future<Integer> client : load) {
                int served = client.get(30, TimeUnit.SECONDS);
                assertThat(served).isPositive();
                total += served;
            }

            assertThat(failures).isEmpty();
            assertThat(total).isGreaterThan(LOAD_CLIENTS);
            assertThat(origin.connectionsAccepted()).as("upstream connections opened after warm-up")
                    .isEqualTo(upstreamConnections);
            assertThat(gateway.gateway().config().routes()).extracting(r -> r.name())
                    .containsExactly("app", "extra-" + RELOADS);
        } finally {
            pool.shutdownNow();
            for (RawHttpClient connection : connections) {
                connection.close();
            }
        }
    }

    /** Sends requests one after another on one keep-alive connection until told to stop; returns how many. */
    private static int runLoad(int client, RawHttpClient connection, AtomicBoolean stop,
                               ConcurrentLinkedQueue<String> failures, CountDownLatch running) {
        int served = 0;
        int lastVersion = 0;
        try {
            while (served < 200_000 && (!stop.get() || served == 0)) {
                RawResponse response = connection.write("GET /app/load/" + client + "/" + served
                        + " HTTP/1.1\r\nHost: x\r\n\r\n").readResponse();
                if (response.status() != 200) {
                    failures.add("client " + client + " request " + served + ": " + response.statusLine());
                    return served;
                }
                if ("close".equalsIgnoreCase(response.header("connection"))) {
                    failures.add("client " + client + " request " + served + " said Connection: close");
                    return served;
                }
                int version = Integer.parseInt(response.header("x-config-version"));
                if (version < lastVersion) {
                    failures.add("client " + client + " saw version " + version + " after " + lastVersion);
                }
                lastVersion = version;
                if (served++ == 0) {
                    running.countDown();
                }
            }
        } catch (IOException | RuntimeException e) {
            failures.add("client " + client + " after " + served + " requests: " + e);
        } finally {
            running.countDown();
        }
        return served;
    }

    @Test
    void brokenConfigIsRejectedWithEveryErrorAndTheOldOneKeepsServing() throws Exception {
        origin = TestOrigin.start();
        String good = config(1, 1);
        start(good);
        String broken = good.replace("    upstream: app\n    filters:", "    upstream: nowhere\n    colour: red\n    filters:");
        assertThat(broken).isNotEqualTo(good);
        double failedBefore = admin.reloadsFailed();
        double okBefore = admin.reloadsOk();

        gateway.rewriteConfig(broken);
        Eventually.await("the watcher rejecting the broken file", WAIT, () -> admin.reloadsFailed() > failedBefore);
        assertServesVersion(1);

        double failedAfterFile = admin.reloadsFailed();
        HttpResponse<String> reload = admin.post("/admin/reload");
        assertThat(reload.statusCode()).isEqualTo(400);
        assertThat(reload.headers().firstValue("content-type")).contains("application/json");
        assertThat(reload.body())
                .contains("\"applied\" : false")
                .contains("routes[0].upstream")
                .contains("nowhere")
                .contains("routes[0].colour");
        assertThat(admin.reloadsFailed()).isGreaterThan(failedAfterFile);
        assertServesVersion(1);
        assertThat(admin.reloadsOk()).isEqualTo(okBefore);

        // Back to the bytes in use: nothing to do.
        gateway.rewriteConfig(good);
        HttpResponse<String> unchanged = admin.post("/admin/reload");
        assertThat(unchanged.statusCode()).isEqualTo(200);
        assertThat(unchanged.body()).contains("\"applied\" : true").contains("\"changed\" : false");
        assertThat(admin.reloadsOk()).isEqualTo(okBefore);
        assertServesVersion(1);
    }

    @Test
    void unchangedContentIsNotReloaded() {
        origin = TestOrigin.start();
        start(config(1, 1));
        double okBefore = admin.reloadsOk();

        HttpResponse<String> reload = admin.post("/admin/reload");

        assertThat(reload.statusCode()).isEqualTo(200);
        assertThat(reload.body()).contains("\"changed\" : false").contains("\"errors\" : [ ]");
        assertThat(admin.reloadsOk()).isEqualTo(okBefore);
    }

    @Test
    void wrongMethodOnReloadIs405() {
        origin = TestOrigin.start();
        start(config(1, 1));
        HttpResponse<String> response = admin.get("/admin/reload");
        assertThat(response.statusCode()).isEqualTo(405);
        assertThat(response.headers().firstValue("allow")).contains("POST");
    }

    private void assertServesVersion(int version) throws IOException {
        try (RawHttpClient client = RawHttpClient.connect(gateway.port())) {
            RawResponse response = client.write("GET /app/x HTTP/1.1\r\nHost: x\r\n\r\n").readResponse();
            assertThat(response.status()).isEqualTo(200);
            assertThat(response.header("x-config-version")).isEqualTo(String.valueOf(version));
        }
    }
}
