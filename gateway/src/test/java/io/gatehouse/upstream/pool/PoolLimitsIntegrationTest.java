package io.gatehouse.upstream.pool;

import io.gatehouse.testing.EventLoopCounts;
import static org.assertj.core.api.Assertions.assertThat;

import io.gatehouse.testing.Behaviour;
import io.gatehouse.testing.LeakDetectionExtension;
import io.gatehouse.testing.RawHttpClient;
import io.gatehouse.testing.RawResponse;
import io.gatehouse.testing.RecordedRequest;
import io.gatehouse.testing.TestOrigin;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.extension.ExtendWith;

/** The pool's connection limit, wait queue and idle timeout, which apply per event loop and endpoint. */
@ExtendWith(LeakDetectionExtension.class)
class PoolLimitsIntegrationTest {

    private static final Duration WAIT = Duration.ofSeconds(5);

    private final TestOrigin origin = TestOrigin.start()
            .on("/slow", Behaviour.status(200).body("done").delay(Duration.ofMillis(300)));

    @EventLoopCounts
    void requestsBeyondTheConnectionLimitWaitTheirTurn(int loops) throws Exception {
        int waiting = 4;
        try (PooledGateway gateway = PooledGateway.withLoops(loops)
                .limits("max-connections: 1, max-pending: " + waiting).start(origin)) {
            // However the clients spread over the loops, no loop has more than one in service and four waiting,
            // and with more clients than loops at least one loop has to queue.
            List<RawResponse> responses = concurrentGets(gateway, waiting + 1, "/slow");
            assertThat(responses).extracting(RawResponse::status).containsOnly(200);
            assertThat(origin.connectionsAccepted()).isBetween(1, loops);
            if (loops == 1) {
                assertThat(origin.requests()).extracting(RecordedRequest::connection).containsOnly(1);
            }
        }
    }

    @EventLoopCounts
    void noWaitingRoomAnswers503WhileTheConnectionIsBusy(int loops) throws Exception {
        try (PooledGateway gateway = PooledGateway.withLoops(loops)
                .limits("max-connections: 1, max-pending: 0").start(origin)) {
            // More clients than loops: at least two share a loop, and one of them finds the connection taken.
            List<RawResponse> responses = concurrentGets(gateway, loops + 1, "/slow");
            assertThat(responses).extracting(RawResponse::status).containsOnly(200, 503).contains(503);
            assertThat(responses).filteredOn(response -> response.status() == 503).allSatisfy(response -> {
                assertThat(response.header("content-type")).isEqualTo("application/problem+json");
                assertThat(response.bodyText()).contains("\"status\":503").contains("connection limit");
            });
        }
    }

    @EventLoopCounts
    void idleTimeoutClosesPooledConnections(int loops) throws Exception {
        try (PooledGateway gateway = PooledGateway.withLoops(loops).pool("idle-timeout: 200ms").start(origin);
             RawHttpClient client = gateway.connect()) {
            assertThat(PooledGateway.get(client, "/first").status()).isEqualTo(200);
            origin.awaitOpenConnections(0, WAIT);
            assertThat(PooledGateway.get(client, "/second").status()).isEqualTo(200);
            assertThat(origin.connectionsAccepted()).isEqualTo(2);
        }
    }

    @EventLoopCounts
    void idleTimeoutDoesNotCutAConnectionInUse(int loops) throws Exception {
        try (PooledGateway gateway = PooledGateway.withLoops(loops).pool("idle-timeout: 100ms").start(origin)) {
            RawResponse response = gateway.get("/slow");
            assertThat(response.status()).isEqualTo(200);
            assertThat(response.bodyText()).isEqualTo("done");
        }
    }

    /** Sends every request, each on a connection of its own, before reading any response. */
    private static List<RawResponse> concurrentGets(PooledGateway gateway, int count, String path)
            throws IOException {
        List<RawHttpClient> clients = new ArrayList<>();
        try {
            for (int i = 0; i < count; i++) {
                RawHttpClient client = gateway.connect();
                clients.add(client);
                PooledGateway.sendGet(client, path + "?client=" + i);
            }
            List<RawResponse> responses = new ArrayList<>();
            for (RawHttpClient client : clients) {
                responses.add(client.readResponse());
            }
            return responses;
        } finally {
            for (RawHttpClient client : clients) {
                client.close();
            }
        }
    }
}
