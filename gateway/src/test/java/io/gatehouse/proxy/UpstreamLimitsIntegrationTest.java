package io.gatehouse.proxy;

import static io.gatehouse.proxy.HttpTestSupport.assertProblem;
import static io.gatehouse.proxy.TrafficSupport.backend;
import static io.gatehouse.proxy.TrafficSupport.endpoints;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.gatehouse.testing.AdminClient;
import io.gatehouse.testing.Behaviour;
import io.gatehouse.testing.EventLoopCounts;
import io.gatehouse.testing.Eventually;
import io.gatehouse.testing.LeakDetectionExtension;
import io.gatehouse.testing.RawHttpClient;
import io.gatehouse.testing.RawResponse;
import io.gatehouse.testing.TestGateway;
import io.gatehouse.testing.TestOrigin;
import io.gatehouse.testing.TestResources;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * An upstream's {@code max-active} and {@code max-pending} hold for the whole node: requests held open at the
 * origin fill them, whichever event loops they arrived on, the next request is refused with 503, and once the
 * held ones are answered the upstream takes requests again.
 */
@ExtendWith(LeakDetectionExtension.class)
class UpstreamLimitsIntegrationTest {

    private static final Duration WAIT = Duration.ofSeconds(5);

    private final CompletableFuture<Void> release = new CompletableFuture<>();
    private final TestOrigin origin = TestOrigin.start().on("/held", Behaviour.echo().holdResponseUntil(release));
    private TestGateway gateway;
    private RawHttpClient first;
    private RawHttpClient second;

    private AdminClient start(int loops, String limits) {
        gateway = TestGateway.start(TestGateway.config(loops,
                backend(endpoints(origin), "limits: { " + limits + " }", "")));
        return new AdminClient(gateway);
    }

    @AfterEach
    void close() {
        release.complete(null);
        TestResources.closeAll(first, second, gateway, origin);
    }

    private static JsonNode limits(AdminClient admin) {
        return admin.upstream("backend").path("limits");
    }

    @EventLoopCounts
    void aThirdRequestBeyondMaxActiveIsRefusedUntilTheHeldOnesEnd(int loops) throws Exception {
        AdminClient admin = start(loops, "max-active: 2");
        first = TrafficSupport.sendGet(gateway, "/held?n=1");
        second = TrafficSupport.sendGet(gateway, "/held?n=2");
        origin.awaitRequests(2, WAIT);
        assertThat(limits(admin).path("active").asInt()).isEqualTo(2);

        RawResponse refused = TrafficSupport.get(gateway, "/third");
        assertProblem(refused, 503);
        assertThat(refused.header("retry-after")).isEqualTo("1");
        assertThat(admin.upstream("backend").at("/counters/refused_max_active").asLong()).isEqualTo(1);

        release.complete(null);
        assertThat(first.readResponse().status()).isEqualTo(200);
        assertThat(second.readResponse().status()).isEqualTo(200);
        assertThat(TrafficSupport.get(gateway, "/third").status()).isEqualTo(200);
        assertThat(origin.requests()).extracting(request -> request.uri())
                .containsExactlyInAnyOrder("/held?n=1", "/held?n=2", "/third");
        assertThat(limits(admin).path("active").asInt()).isZero();
    }

    @EventLoopCounts
    void beyondMaxPendingWithTheOnlyConnectionBusyIsRefused(int loops) throws Exception {
        AdminClient admin = start(loops, "max-connections: 1, max-pending: 1");
        first = TrafficSupport.sendGet(gateway, "/held?n=1");
        origin.awaitRequests(1, WAIT);
        second = TrafficSupport.sendGet(gateway, "/held?n=2");
        Eventually.await("the second request to wait for the connection", WAIT,
                () -> limits(admin).path("pending").asInt() == 1);

        RawResponse refused = TrafficSupport.get(gateway, "/third");
        assertProblem(refused, 503);
        assertThat(refused.bodyText()).contains("wait queue is full");
        assertThat(admin.upstream("backend").at("/counters/refused_max_pending").asLong()).isEqualTo(1);

        release.complete(null);
        assertThat(first.readResponse().status()).isEqualTo(200);
        assertThat(second.readResponse().status()).isEqualTo(200);
        assertThat(origin.requests()).extracting(request -> request.uri())
                .containsExactly("/held?n=1", "/held?n=2");
        assertThat(origin.connectionsAccepted()).isBetween(1, 2);
    }
}
