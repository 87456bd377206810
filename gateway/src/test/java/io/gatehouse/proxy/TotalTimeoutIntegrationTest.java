package io.gatehouse.proxy;

import static io.gatehouse.proxy.HttpTestSupport.assertProblem;
import static io.gatehouse.proxy.TrafficSupport.backend;
import static io.gatehouse.proxy.TrafficSupport.endpoints;
import static org.assertj.core.api.Assertions.assertThat;

import io.gatehouse.testing.Behaviour;
import io.gatehouse.testing.EventLoopCounts;
import io.gatehouse.testing.FullBacklogPort;
import io.gatehouse.testing.LeakDetectionExtension;
import io.gatehouse.testing.RawResponse;
import io.gatehouse.testing.TestGateway;
import io.gatehouse.testing.TestOrigin;
import java.time.Duration;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@code timeouts.total} bounds a request across every try and every wait between them: an upstream that never
 * answers gets at most as many tries as fit in the deadline, and the client gets 504.
 */
@ExtendWith(LeakDetectionExtension.class)
class TotalTimeoutIntegrationTest {

    private static final Duration WAIT = Duration.ofSeconds(5);

    @EventLoopCounts
    void retriedTimeoutsEndIn504AtTheTotalDeadline(int loops) throws Exception {
        // Each try waits 200ms for a head and every try after the first starts later still: four fit in 700ms.
        try (TestOrigin a = TestOrigin.start("a").on("/hang", Behaviour.neverAnswers());
             TestOrigin b = TestOrigin.start("b").on("/hang", Behaviour.neverAnswers());
             TestGateway gateway = TestGateway.start(TestGateway.config(loops, backend(endpoints(a, b), "",
                     "timeouts: { response: 200ms, total: 700ms }, "
                             + "retries: { attempts: 10, backoff: 1ms, on: [timeout] }")))) {
            RawResponse response = TrafficSupport.get(gateway, "/hang");

            assertProblem(response, 504);
            assertThat(response.bodyText()).contains("total timeout");
            assertThat(TrafficSupport.requestsTo(a, b)).isBetween(2, 4);
            // Every try given up closed its connection: none lingers at the origins.
            a.awaitOpenConnections(0, WAIT);
            b.awaitOpenConnections(0, WAIT);
        }
    }

    @EventLoopCounts
    void theTotalDeadlineCutsALongerResponseTimeout(int loops) throws Exception {
        try (TestOrigin origin = TestOrigin.start().on("/hang", Behaviour.neverAnswers());
             TestGateway gateway = TestGateway.start(TestGateway.config(loops, backend(endpoints(origin), "",
                     "timeouts: { response: 30s, total: 300ms }, retries: { attempts: 3, on: [timeout] }")))) {
            RawResponse response = TrafficSupport.get(gateway, "/hang");

            assertProblem(response, 504);
            assertThat(response.bodyText()).contains("total timeout");
            // The only try used up the whole deadline: no time was left for another.
            origin.awaitRequests(1, WAIT);
            assertThat(origin.requests()).hasSize(1);
        }
    }

    @EventLoopCounts
    void theTotalDeadlineCutsAConnectThatHangs(int loops) throws Exception {
        // The connect timeout alone would let the client wait far longer than the route promises.
        try (FullBacklogPort unreachable = new FullBacklogPort();
             TestGateway gateway = TestGateway.start(TestGateway.config(loops, backend(
                     endpoints(unreachable.authority()), "", "timeouts: { connect: 1m, total: 300ms }")))) {
            RawResponse response = TrafficSupport.get(gateway, "/anything");

            assertProblem(response, 504);
            assertThat(response.bodyText()).contains("total timeout");
        }
    }
}
