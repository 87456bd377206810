package io.gatehouse.upstream.pool;

import io.gatehouse.testing.EventLoopCounts;
import static org.assertj.core.api.Assertions.assertThat;

import io.gatehouse.testing.LeakDetectionExtension;
import io.gatehouse.testing.RawHttpClient;
import io.gatehouse.testing.RawResponse;
import io.gatehouse.testing.RecordedRequest;
import io.gatehouse.testing.TestOrigin;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Collectors;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The origin closes idle keep-alive connections at random, a moment after each response, so the gateway sometimes
 * sends a request on a connection the origin is closing. A bodiless request is replayed once on a fresh
 * connection; a request whose body was sent is never replayed.
 */
@ExtendWith(LeakDetectionExtension.class)
class StaleKeepAliveIntegrationTest {

    private static final long SEED = 20_240_611L;
    private static final int REQUESTS = 300;
    private static final Duration CLOSE_DELAY = Duration.ofMillis(1);
    /** The client pauses up to twice the origin's close delay, so its requests land before, during and after. */
    private static final long MAX_PAUSE_MICROS = 2 * CLOSE_DELAY.toNanos() / 1_000;

    @EventLoopCounts
    void bodilessRequestsNeverFailWhenTheOriginClosesIdleConnections(int loops) throws Exception {
        assertBodilessRequestsNeverFail(PooledGateway.withLoops(loops), loops);
    }

    @EventLoopCounts
    void replayFitsWithinAConnectionLimitOfOneWithoutWaitingRoom(int loops) throws Exception {
        // The replacement for the stale connection must not count the dead one against the limit.
        assertBodilessRequestsNeverFail(PooledGateway.withLoops(loops).limits("max-connections: 1, max-pending: 0"),
                loops);
    }

    private static void assertBodilessRequestsNeverFail(PooledGateway.Builder config, int loops) throws Exception {
        TestOrigin origin = TestOrigin.start().closeIdleConnectionsAtRandom(new Random(SEED), 0.5, CLOSE_DELAY);
        try (PooledGateway gateway = config.start(origin);
             Clients clients = new Clients(gateway, loops)) {
            Random schedule = new Random(SEED);
            for (int i = 0; i < REQUESTS; i++) {
                pause(schedule);
                RawResponse response = PooledGateway.get(clients.next(), "/get/" + i);
                assertThat(response.status()).as("request %d: %s", i, response.bodyText()).isEqualTo(200);
            }
            assertThat(origin.connectionsAccepted()).as("the origin closed connections").isGreaterThan(loops);
        }
    }

    @EventLoopCounts
    void requestWithBodyIsNeverReplayed(int loops) throws Exception {
        TestOrigin origin = TestOrigin.start().closeIdleConnectionsAtRandom(new Random(SEED), 0.5, CLOSE_DELAY);
        try (PooledGateway gateway = PooledGateway.withLoops(loops).start(origin);
             Clients clients = new Clients(gateway, loops)) {
            Random schedule = new Random(SEED);
            int succeeded = 0;
            for (int i = 0; i < REQUESTS; i++) {
                pause(schedule);
                RawResponse response = clients.post("/post/" + i, "payload " + i);
                assertThat(response.status()).as("request %d", i).isIn(200, 502);
                succeeded += response.status() == 200 ? 1 : 0;
            }
            Map<String, Long> arrivals = origin.requests().stream()
                    .filter(RecordedRequest::complete)
                    .collect(Collectors.groupingBy(RecordedRequest::uri, Collectors.counting()));
            assertThat(arrivals).allSatisfy((uri, count) -> assertThat(count).as(uri).isEqualTo(1));
            assertThat(arrivals).hasSize(succeeded);
        }
    }

    private static void pause(Random schedule) {
        LockSupport.parkNanos(TimeUnit.MICROSECONDS.toNanos(schedule.nextLong(MAX_PAUSE_MICROS + 1)));
    }

    /** One client connection per event loop, used in turn; one that the gateway closed is replaced. */
    private static final class Clients implements AutoCloseable {
        private final PooledGateway gateway;
        private final List<RawHttpClient> connections = new ArrayList<>();
        private int turn;

        Clients(PooledGateway gateway, int count) throws IOException {
            this.gateway = gateway;
            for (int i = 0; i < count; i++) {
                connections.add(gateway.connect());
            }
        }

        RawHttpClient next() {
            turn = (turn + 1) % connections.size();
            return connections.get(turn);
        }

        RawResponse post(String path, String body) throws IOException {
            RawHttpClient client = next();
            client.write("POST " + path + " HTTP/1.1\r\nHost: gatehouse.test\r\nContent-Length: " + body.length()
                    + "\r\n\r\n" + body);
            RawResponse response = client.readResponse();
            if ("close".equalsIgnoreCase(response.header("connection"))) {
                client.close();
                connections.set(turn, gateway.connect());
            }
            return response;
        }

        @Override
        public void close() throws IOException {
            for (RawHttpClient connection : connections) {
                connection.close();
            }
        }
    }
}
