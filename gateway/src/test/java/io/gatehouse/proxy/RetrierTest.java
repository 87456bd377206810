package io.gatehouse.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import io.gatehouse.config.ConfigLoader;
import io.gatehouse.config.GatewayConfig;
import io.gatehouse.config.RetryConfig;
import io.gatehouse.filter.FilterRegistry;
import io.gatehouse.internal.NanoClock;
import io.gatehouse.testing.TestResources;
import io.gatehouse.transport.EventLoops;
import io.gatehouse.transport.Transport;
import io.gatehouse.upstream.TryOutcome;
import io.gatehouse.upstream.Upstream;
import io.gatehouse.upstream.UpstreamRegistry;
import io.gatehouse.upstream.discovery.HostResolver;
import io.gatehouse.upstream.lb.RandomSource;
import io.netty.handler.codec.http.HttpMethod;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RetrierTest {

    private static final long MS = 1_000_000;
    private static final TryOutcome UNAVAILABLE = TryOutcome.response(503, MS);
    private static final TryOutcome NOT_FOUND = TryOutcome.response(404, MS);
    private static final TryOutcome RESET = TryOutcome.failure(TryOutcome.Kind.RESET, MS);

    private final EventLoops loops = new EventLoops(Transport.NIO, 1);
    private final SplittableRandom random = new SplittableRandom(7);
    private UpstreamRegistry registry;
    private Upstream upstream;
    private RetryConfig retries;

    @BeforeEach
    void start() {
        registry = new UpstreamRegistry(loops, (name, endpoint) -> () -> { }, NanoClock.SYSTEM,
                RandomSource.THREAD_LOCAL, HostResolver.SYSTEM);
        GatewayConfig config = new ConfigLoader(FilterRegistry.builtins(), name -> null).parse("""
                upstreams:
                  app: { endpoints: [ { address: "127.0.0.1:1" } ] }
                routes:
                  - name: r
                    match: { prefix: / }
                    upstream: app
                    retries: { attempts: 3, on: [reset, 503], backoff: 10ms, max-backoff: 40ms, budget: 0%,
                               min-retries: 1, replay-buffer: 1KiB }
                """, "test.yaml");
        upstream = registry.apply(config.upstreams(), "test.yaml").get("app");
        retries = config.routes().get(0).retries();
    }

    @AfterEach
    void stop() {
        TestResources.closeAll(registry::retireAll,
                () -> loops.group().shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly());
    }

    @Test
    void retriesListedOutcomesUntilTheAttemptsAreUsedUp() {
        Retrier retrier = new Retrier(retries, HttpMethod.GET);
        assertThat(retrier.delayNanos(NOT_FOUND, 1, -1, Long.MAX_VALUE, upstream, random)).isEqualTo(-1);
        assertThat(retrier.delayNanos(UNAVAILABLE, 1, -1, Long.MAX_VALUE, upstream, random))
                .isBetween(0L, 10 * MS);
        assertThat(retrier.delayNanos(RESET, 2, -1, Long.MAX_VALUE, upstream, random)).isBetween(0L, 20 * MS);
        assertThat(retrier.delayNanos(RESET, 3, -1, Long.MAX_VALUE, upstream, random)).isEqualTo(-1);
        assertThat(upstream.retries()).isEqualTo(2);
    }

    @Test
    void retryAfterReplacesTheBackoffWhenItFitsTheLimit() {
        Retrier retrier = new Retrier(retries, HttpMethod.GET);
        assertThat(retrier.delayNanos(UNAVAILABLE, 1, 500 * MS, 501 * MS, upstream, random)).isEqualTo(500 * MS);
        assertThat(retrier.delayNanos(UNAVAILABLE, 2, 500 * MS, 500 * MS, upstream, random)).isEqualTo(-1);
    }

    @Test
    void onlyIdempotentMethodsRetryUnlessTheRouteOptsIn() {
        assertThat(new Retrier(retries, HttpMethod.POST).delayNanos(UNAVAILABLE, 1, -1, Long.MAX_VALUE, upstream,
                random)).isEqualTo(-1);
        assertThat(new Retrier(retries, HttpMethod.POST).replayCap(true)).isEqualTo(-1);
        assertThat(new Retrier(retries, HttpMethod.PUT).replayCap(true)).isEqualTo(1024);
        assertThat(new Retrier(retries, HttpMethod.PUT).replayCap(false)).isZero();

        RetryConfig optIn = new RetryConfig(retries.attempts(), retries.on(), retries.backoff(),
                retries.maxBackoff(), retries.budget(), retries.minRetries(), true, retries.replayBuffer());
        assertThat(new Retrier(optIn, HttpMethod.POST).delayNanos(UNAVAILABLE, 1, -1, Long.MAX_VALUE, upstream,
                random)).isNotNegative();
    }

    @Test
    void oneBudgetSlotPerRequestAndNoneBeyondTheBudget() {
        // budget 0%, min-retries 1: one request may be retrying at a time
        Retrier first = new Retrier(retries, HttpMethod.GET);
        Retrier second = new Retrier(retries, HttpMethod.GET);
        assertThat(first.delayNanos(UNAVAILABLE, 1, -1, Long.MAX_VALUE, upstream, random)).isNotNegative();
        assertThat(first.delayNanos(UNAVAILABLE, 2, -1, Long.MAX_VALUE, upstream, random)).isNotNegative();
        assertThat(second.delayNanos(UNAVAILABLE, 1, -1, Long.MAX_VALUE, upstream, random)).isEqualTo(-1);
        assertThat(upstream.budgetExhaustions()).isEqualTo(1);

        first.cancel();
        assertThat(upstream.retryBudget().active()).isZero();
        assertThat(second.delayNanos(UNAVAILABLE, 1, -1, Long.MAX_VALUE, upstream, random)).isNotNegative();
        second.cancel();
    }
}
