package io.gatehouse.bootstrap;

import io.gatehouse.internal.NanoClock;
import io.gatehouse.ratelimit.LimiterRegistry;
import io.gatehouse.ratelimit.local.LocalRateLimiter;
import io.gatehouse.ratelimit.redis.RedisConnections;
import io.gatehouse.ratelimit.redis.RedisRateLimiter;

/**
 * The gateway's rate limiters: a registry kept across reloads, whose cluster-wide limiters share one Redis
 * connection per URL and fall back (when they fail open) to a per-node limiter of the same settings.
 */
final class RateLimiting implements AutoCloseable {

    private final RedisConnections redis = new RedisConnections();
    private final LimiterRegistry limiters = new LimiterRegistry(NanoClock.SYSTEM,
            config -> new RedisRateLimiter(config, redis,
                    local -> new LocalRateLimiter(local, NanoClock.SYSTEM)));

    LimiterRegistry limiters() {
        return limiters;
    }

    /** Closes the limiters, then the Redis connections they shared; blocks a few seconds, so never on a loop. */
    @Override
    public void close() {
        limiters.close();
        redis.close();
    }
}
