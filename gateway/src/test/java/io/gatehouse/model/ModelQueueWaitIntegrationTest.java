package io.gatehouse.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.gatehouse.context.RequestContext;
import io.gatehouse.filter.Filter;
import io.gatehouse.filter.FilterDecision;
import io.gatehouse.proxy.RouteFilter;
import io.gatehouse.proxy.RouteRuntime;
import io.gatehouse.routing.PathVariables;
import io.gatehouse.testing.Behaviour;
import io.gatehouse.testing.Eventually;
import io.gatehouse.testing.LeakDetectionExtension;
import io.gatehouse.testing.RawHttpClient;
import io.gatehouse.testing.TestGateway;
import io.gatehouse.testing.TestOrigin;
import io.gatehouse.testing.TestResources;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.DefaultHttpRequest;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpVersion;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A call waiting in its version's queue is bounded by the queue's timeout, which may be longer than the model API
 * route's filter timeout: the model filter declares that wait as its own, so the chain does not cut it short.
 */
@ExtendWith(LeakDetectionExtension.class)
class ModelQueueWaitIntegrationTest {

    private static final Duration WAIT = Duration.ofSeconds(5);
    private static final String HELD = "/v2/models/slow/versions/1/infer";

    private final CompletableFuture<Void> gate = new CompletableFuture<>();
    private final EmbeddedChannel loop = new EmbeddedChannel();
    private TestOrigin origin;
    private TestGateway gateway;

    @BeforeEach
    void start() {
        origin = TestOrigin.start().on(HELD, Behaviour.status(200).body("{}").holdResponseUntil(gate));
        gateway = TestGateway.start(TestGateway.config(1, """
                upstreams:
                  backend: { endpoints: [ { address: "%s" } ] }
                model-registry: { reconcile-interval: 0s }
                models:
                  - name: slow
                    protocol: open-inference-v2
                    upstream: backend
                    versions: [ { version: "1" } ]
                    queue: { max-in-flight: 1, max-queued: 1, timeout: 45s }
                model-apis:
                  open-inference-v2: { prefix: /v2 }
                """.formatted(origin.authority())));
        gateway.gateway().models().updateModel("slow", model -> model.withVersion(
                model.versions().get("1").withState(VersionState.AVAILABLE, null)));
    }

    @AfterEach
    void stop() {
        gate.complete(null);
        loop.finishAndReleaseAll();
        TestResources.closeAll(gateway, origin);
    }

    @Test
    void aQueuedCallIsGivenTheQueuesTimeoutBeyondTheRoutesFilterTimeout() throws Exception {
        RouteRuntime route = gateway.gateway().routes().stream()
                .filter(candidate -> candidate.name().equals("model-api:open-inference-v2")).findFirst()
                .orElseThrow();
        Filter model = route.filters().stream().filter(filter -> filter.name().equals("model")).findFirst()
                .map(RouteFilter::filter).orElseThrow();
        VersionLoad load = gateway.gateway().models().load();
        try (RawHttpClient running = RawHttpClient.connect(gateway.port())) {
            running.write("POST " + HELD + " HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\n\r\n{}");
            origin.awaitRequests(1, WAIT);
            RequestContext queued = new RequestContext("queued", route.name(), new InetSocketAddress(0),
                    "127.0.0.1", PathVariables.NONE, loop.eventLoop(), 0);

            CompletableFuture<FilterDecision> decision = model.onRequest(queued,
                    new DefaultHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.POST, HELD)).toCompletableFuture();

            assertThat(decision).isNotDone();
            assertThat(load.queued("slow", "1")).isEqualTo(1);
            assertThat(model.ownTimeout(queued)).isEqualTo(Duration.ofSeconds(45))
                    .isGreaterThan(route.config().timeouts().filter());
            model.onComplete(queued);
            assertThat(load.queued("slow", "1")).isZero();
            gate.complete(null);
            assertThat(running.readResponse().status()).isEqualTo(200);
        }
        Eventually.await("the slot returned", WAIT, () -> load.inFlight("slow", "1") == 0);
    }
}
