package io.gatehouse.upstream;

import static org.assertj.core.api.Assertions.assertThat;

import io.gatehouse.config.ConfigLoader;
import io.gatehouse.filter.FilterRegistry;
import io.gatehouse.internal.NanoClock;
import io.gatehouse.testing.Behaviour;
import io.gatehouse.testing.Eventually;
import io.gatehouse.testing.LeakDetectionExtension;
import io.gatehouse.testing.TestOrigin;
import io.gatehouse.testing.TestResources;
import io.gatehouse.transport.EventLoops;
import io.gatehouse.transport.Transport;
import io.gatehouse.upstream.discovery.HostResolver;
import io.gatehouse.upstream.health.EndpointHealth;
import io.gatehouse.upstream.lb.PickRequest;
import io.gatehouse.upstream.lb.RandomSource;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A DNS lookup that hangs (a resolver that does not answer takes seconds per attempt) holds up discovery of its
 * own upstream only: health verdicts and ejections of every upstream still reach routing, and ejections still end.
 */
@ExtendWith(LeakDetectionExtension.class)
class HangingDiscoveryIntegrationTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final String HANGING = "hanging.test";

    private final CountDownLatch lookupHangs = new CountDownLatch(1);
    private final CountDownLatch unblock = new CountDownLatch(1);
    private final EventLoops loops = new EventLoops(Transport.NIO, 1);
    private TestOrigin a;
    private TestOrigin b;
    private UpstreamRegistry registry;

    @BeforeEach
    void start() {
        a = TestOrigin.start("a");
        b = TestOrigin.start("b");
        HostResolver resolver = host -> {
            if (!host.equals(HANGING)) {
                return InetAddress.getAllByName(host);
            }
            lookupHangs.countDown();
            try {
                unblock.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            throw new UnknownHostException(host + ": no answer");
        };
        registry = new UpstreamRegistry(loops, (upstream, endpoint) -> () -> { }, NanoClock.SYSTEM,
                RandomSource.THREAD_LOCAL, resolver);
    }

    @AfterEach
    void stop() {
        unblock.countDown();
        TestResources.closeAll(registry::retireAll,
                () -> loops.group().shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly(), a, b);
    }

    /** Applies these upstreams beside one whose DNS lookup hangs, and waits until it does. */
    private Upstream applyBesideAHangingLookup(String appSettings) throws InterruptedException {
        String yaml = """
                upstreams:
                  hanging: { discovery: { dns: "%s:80", refresh: 1s } }
                  app: { endpoints: [ { address: "%s" }, { address: "%s" } ], %s }
                """.formatted(HANGING, a.authority(), b.authority(), appSettings);
        Map<String, Upstream> upstreams = registry.apply(
                new ConfigLoader(FilterRegistry.builtins(), name -> null).parse(yaml, "test.yaml").upstreams(),
                "test.yaml");
        assertThat(lookupHangs.await(10, TimeUnit.SECONDS)).as("the lookup started").isTrue();
        return upstreams.get("app");
    }

    @Test
    void aFailedHealthCheckTakesTheEndpointOutOfRotation() throws Exception {
        Upstream app = applyBesideAHangingLookup(
                "health-check: { http: { path: /health, interval: 100ms, timeout: 100ms, unhealthy: 1 } }");
        Endpoint failing = endpoint(app, a);
        assertThat(picks(app)).hasSize(2);

        a.on("/health", Behaviour.status(503));
        Eventually.await("a's check failing", WAIT, () -> failing.health().checkFailing());
        Eventually.await("picks without a", WAIT, () -> picks(app).equals(Set.of(endpoint(app, b))));
        assertThat(app.status(failing)).isEqualTo(EndpointHealth.Status.UNHEALTHY);
    }

    @Test
    void anEjectionTakesTheEndpointOutOfRotationAndItsEndBringsItBack() throws Exception {
        Upstream app = applyBesideAHangingLookup("outlier-detection: { consecutive-errors: 1, base-ejection: 200ms }");
        Endpoint failing = endpoint(app, a);

        app.learn(failing, TryOutcome.response(500, 1));
        assertThat(failing.health().ejections()).isEqualTo(1);
        Eventually.await("picks without a", WAIT, () -> picks(app).equals(Set.of(endpoint(app, b))));
        Eventually.await("a back after its ejection", WAIT, () -> picks(app).size() == 2);
    }

    private static Endpoint endpoint(Upstream upstream, TestOrigin origin) {
        return upstream.endpoints().stream().filter(e -> e.authority().equals(origin.authority())).findFirst()
                .orElseThrow();
    }

    /** The endpoints a few round-robin picks reach. */
    private static Set<Endpoint> picks(Upstream upstream) {
        Set<Endpoint> picked = new HashSet<>();
        for (int i = 0; i < 4; i++) {
            picked.add(upstream.pick(new PickRequest(0, null, null, 0)));
        }
        return picked;
    }
}
