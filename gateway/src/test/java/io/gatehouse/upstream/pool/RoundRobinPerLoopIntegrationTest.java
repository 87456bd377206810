package io.gatehouse.upstream.pool;

import io.gatehouse.testing.EventLoopCounts;
import static org.assertj.core.api.Assertions.assertThat;

import io.gatehouse.testing.LeakDetectionExtension;
import io.gatehouse.testing.RawHttpClient;
import io.gatehouse.testing.RawResponse;
import io.gatehouse.testing.TestOrigin;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.extension.ExtendWith;

/** Round robin keeps one cursor per event loop: each loop walks the endpoints in turn on its own. */
@ExtendWith(LeakDetectionExtension.class)
class RoundRobinPerLoopIntegrationTest {

    private static final int ROUNDS = 8;

    @EventLoopCounts
    void eachLoopAlternatesBetweenOriginsWhileOtherLoopsInterleave(int loops) throws Exception {
        TestOrigin a = TestOrigin.start("a");
        TestOrigin b = TestOrigin.start("b");
        List<RawHttpClient> clients = new ArrayList<>();
        try (PooledGateway gateway = PooledGateway.withLoops(loops).start(a, b)) {
            // Consecutive connections are accepted onto consecutive loops, so there is one client per loop.
            for (int i = 0; i < loops; i++) {
                clients.add(gateway.connect());
            }
            List<List<String>> originsSeen = new ArrayList<>();
            clients.forEach(client -> originsSeen.add(new ArrayList<>()));
            for (int round = 0; round < ROUNDS; round++) {
                for (int i = 0; i < clients.size(); i++) {
                    RawResponse response = PooledGateway.get(clients.get(i), "/rr");
                    assertThat(response.status()).isEqualTo(200);
                    originsSeen.get(i).add(originOf(response));
                }
            }
            // A cursor shared by all loops would hand every client of an even-sized round the same origin.
            assertThat(originsSeen).allSatisfy(seen -> assertThat(alternates(seen)).as("%s", seen).isTrue());
            assertThat(a.requests()).hasSize(ROUNDS * loops / 2);
            assertThat(b.requests()).hasSize(ROUNDS * loops / 2);
        } finally {
            for (RawHttpClient client : clients) {
                client.close();
            }
        }
    }

    private static String originOf(RawResponse response) {
        return response.bodyText().contains("\"origin\":\"a\"") ? "a" : "b";
    }

    private static boolean alternates(List<String> seen) {
        for (int i = 1; i < seen.size(); i++) {
            if (seen.get(i).equals(seen.get(i - 1))) {
                return false;
            }
        }
        return true;
    }
}
