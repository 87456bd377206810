package io.gatehouse.bootstrap;

import io.gatehouse.config.LimiterConfig;
import io.gatehouse.ratelimit.RateLimiter;

/** How the gateway builds limiters whose counts live outside the node. */
final class RateLimiting {

    private RateLimiting() {
    }

    static RateLimiter redisUnavailable(LimiterConfig config) {
        throw new IllegalArgumentException("limiter \"" + config.name() + "\": policy redis is not available");
    }
}
