package io.gatehouse.upstream.pool;

import io.gatehouse.testing.EventLoopCounts;
import io.gatehouse.testing.FullBacklogPort;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gatehouse.config.ConfigException;
import io.gatehouse.testing.LeakDetectionExtension;
import io.gatehouse.testing.RawHttpClient;
import io.gatehouse.testing.RawResponse;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.List;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Failing to reach an upstream ends in a local reply: 502 when the connection is refused, 504 when connecting
 * times out. Failed connects do not count against the pool's connection limit.
 */
@ExtendWith(LeakDetectionExtension.class)
class UpstreamConnectFailureIntegrationTest {

    private static final int ATTEMPTS = 3;

    @EventLoopCounts
    void refusedConnectIs502(int loops) throws Exception {
        String closed = "127.0.0.1:" + closedPort();
        try (PooledGateway gateway = PooledGateway.withLoops(loops).limits("max-connections: 1, max-pending: 0")
                .start(List.of(closed))) {
            assertEveryAttemptAnswered(gateway, 502, "refused");
        }
    }

    @EventLoopCounts
    void connectTimeoutIs504(int loops) throws Exception {
        try (FullBacklogPort silent = new FullBacklogPort();
             PooledGateway gateway = PooledGateway.withLoops(loops).limits("max-connections: 1, max-pending: 0")
                     .timeouts("connect: 200ms").start(List.of(silent.authority()))) {
            assertEveryAttemptAnswered(gateway, 504, "timed out");
        }
    }

    @EventLoopCounts
    void endpointThatDoesNotResolveIsRejectedWithTheConfig(int loops) {
        // Names are resolved when the config loads, never on an event loop; one that fails refuses the config.
        assertThatThrownBy(() -> PooledGateway.withLoops(loops).start(List.of("no-such-host.invalid:80")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("upstreams.backend.endpoints[0].address")
                .hasMessageContaining("no-such-host.invalid");
    }

    /** Sequential attempts on one client connection (one loop) each get the reply, never a full-pool 503. */
    private static void assertEveryAttemptAnswered(PooledGateway gateway, int status, String detail)
            throws IOException {
        try (RawHttpClient client = gateway.connect()) {
            for (int i = 0; i < ATTEMPTS; i++) {
                RawResponse response = PooledGateway.get(client, "/attempt/" + i);
                assertThat(response.status()).as("attempt %d: %s", i, response.bodyText()).isEqualTo(status);
                assertThat(response.header("content-type")).isEqualTo("application/problem+json");
                assertThat(response.bodyText()).contains(detail);
            }
        }
    }

    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
