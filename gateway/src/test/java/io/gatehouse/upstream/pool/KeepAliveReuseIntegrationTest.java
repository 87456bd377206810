package io.gatehouse.upstream.pool;

import io.gatehouse.testing.EventLoopCounts;
import static org.assertj.core.api.Assertions.assertThat;

import io.gatehouse.testing.LeakDetectionExtension;
import io.gatehouse.testing.RawHttpClient;
import io.gatehouse.testing.RecordedRequest;
import io.gatehouse.testing.TestOrigin;
import java.time.Duration;
import org.junit.jupiter.api.extension.ExtendWith;

/** Kept-alive upstream connections are reused: at most one per event loop for sequential traffic. */
@ExtendWith(LeakDetectionExtension.class)
class KeepAliveReuseIntegrationTest {

    private static final int REQUESTS = 20;

    @EventLoopCounts
    void sequentialClientOnOneConnectionUsesOneUpstreamConnection(int loops) throws Exception {
        TestOrigin origin = TestOrigin.start();
        try (PooledGateway gateway = PooledGateway.withLoops(loops).start(origin);
             RawHttpClient client = gateway.connect()) {
            for (int i = 0; i < REQUESTS; i++) {
                assertThat(PooledGateway.get(client, "/item/" + i).status()).isEqualTo(200);
            }
            // A client connection lives on one loop, and so do the upstream connections it uses.
            assertThat(origin.connectionsAccepted()).isEqualTo(1);
            assertThat(origin.requests()).hasSize(REQUESTS).extracting(RecordedRequest::connection).containsOnly(1);
        }
    }

    @EventLoopCounts
    void sequentialClientsOnSeparateConnectionsShareThePool(int loops) throws Exception {
        TestOrigin origin = TestOrigin.start();
        try (PooledGateway gateway = PooledGateway.withLoops(loops).start(origin)) {
            for (int i = 0; i < REQUESTS; i++) {
                assertThat(gateway.get("/client/" + i).status()).isEqualTo(200);
            }
            origin.awaitRequests(REQUESTS, Duration.ofSeconds(5));
            assertThat(origin.connectionsAccepted()).isBetween(1, loops);
        }
    }
}
