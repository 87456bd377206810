package io.gatehouse.observe;

import io.gatehouse.ratelimit.redis.RedisRateLimiter;
import io.gatehouse.ratelimit.redis.RedisState;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;

/** The Redis side of one cluster-wide limiter: whether its Redis answers, and its calls, failures and fallbacks. */
final class RedisLimiterMeters {

    private final MeterRegistry registry;
    private final List<Meter> meters;

    RedisLimiterMeters(MeterRegistry registry, RedisRateLimiter limiter) {
        this.registry = registry;
        String name = limiter.config().name();
        meters = List.of(
                Gauge.builder("gatehouse.ratelimit.redis.up", limiter, l -> l.state() == RedisState.UP ? 1 : 0)
                        .description("Whether the limiter's Redis answered its last call (1) or not (0)")
                        .tags("limiter", name).strongReference(true).register(registry),
                FunctionCounter.builder("gatehouse.ratelimit.redis.calls", limiter, l -> l.counters().calls())
                        .description("Calls to Redis").tags("limiter", name).register(registry),
                FunctionCounter.builder("gatehouse.ratelimit.redis.failures", limiter, l -> l.counters().failures())
                        .description("Redis calls that failed or timed out").tags("limiter", name).register(registry),
                FunctionCounter.builder("gatehouse.ratelimit.redis.fallbacks", limiter,
                                l -> l.counters().fallbacks())
                        .description("Requests answered by the failure policy instead of Redis")
                        .tags("limiter", name).register(registry));
    }

    void remove() {
        meters.forEach(registry::remove);
    }
}
