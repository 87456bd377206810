package io.gatehouse.proxy;

import static io.gatehouse.proxy.HttpTestSupport.get;
import static io.gatehouse.proxy.TrafficSupport.backend;
import static io.gatehouse.proxy.TrafficSupport.endpoints;
import static org.assertj.core.api.Assertions.assertThat;

import io.gatehouse.testing.EventLoopCounts;
import io.gatehouse.testing.LeakDetectionExtension;
import io.gatehouse.testing.RawHttpClient;
import io.gatehouse.testing.RawResponse;
import io.gatehouse.testing.TestGateway;
import io.gatehouse.testing.TestOrigin;
import io.gatehouse.testing.TestResources;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * One of three origins dies mid-run (its server and every connection closed, pooled ones included): with retries,
 * a client sending requests one after another sees no failure, whichever event loop its connection is on.
 */
@ExtendWith(LeakDetectionExtension.class)
class KillOneOfThreeIntegrationTest {

    private static final int REQUESTS = 300;
    private static final int KILL_AT = 100;
    /** A new client connection this often, so that with several event loops the requests cross them all. */
    private static final int REQUESTS_PER_CONNECTION = 25;

    @EventLoopCounts
    void noRequestFailsWhenAnOriginDiesMidRun(int loops) throws Exception {
        TestOrigin a = TestOrigin.start("a");
        TestOrigin doomed = TestOrigin.start("doomed");
        TestOrigin c = TestOrigin.start("c");
        try (TestGateway gateway = TestGateway.start(TestGateway.config(loops,
                backend(endpoints(a, doomed, c), "", "retries: { attempts: 3 }")))) {
            List<String> failures = new ArrayList<>();
            RawHttpClient client = null;
            try {
                for (int i = 0; i < REQUESTS; i++) {
                    if (i == KILL_AT) {
                        doomed.close();
                    }
                    if (i % REQUESTS_PER_CONNECTION == 0) {
                        TestResources.closeAll(client);
                        client = RawHttpClient.connect(gateway.port());
                    }
                    RawResponse response = client.write(get("/request/" + i)).readResponse();
                    if (response.status() != 200) {
                        failures.add(i + ": " + response.statusLine() + " " + response.bodyText());
                    }
                }
            } finally {
                TestResources.closeAll(client);
            }

            assertThat(failures).isEmpty();
            // The doomed origin had its share before it died, and the survivors took everything after.
            assertThat(doomed.requests()).isNotEmpty().hasSizeLessThanOrEqualTo(KILL_AT);
            assertThat(a.requests().size() + c.requests().size()).isGreaterThanOrEqualTo(REQUESTS - KILL_AT);
            assertThat(TrafficSupport.requestsTo(a, doomed, c)).isEqualTo(REQUESTS);
        } finally {
            TestResources.closeAll(a, doomed, c);
        }
    }
}
