package io.gatehouse.observe;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/** The decisions of one limiter on one route, by verdict; resolved when the config loads, never per request. */
public final class RateLimitMeters {

    private final Counter allowed;
    private final Counter delayed;
    private final Counter rejected;
    private final Counter unavailable;

    RateLimitMeters(MeterRegistry registry, String route, String limiter) {
        allowed = counter(registry, route, limiter, "allowed");
        delayed = counter(registry, route, limiter, "delayed");
        rejected = counter(registry, route, limiter, "rejected");
        unavailable = counter(registry, route, limiter, "unavailable");
    }

    public void allowed() {
        allowed.increment();
    }

    public void delayed() {
        delayed.increment();
    }

    public void rejected() {
        rejected.increment();
    }

    public void unavailable() {
        unavailable.increment();
    }

    private static Counter counter(MeterRegistry registry, String route, String limiter, String decision) {
        return Counter.builder("gatehouse.ratelimit.decisions")
                .description("Rate-limit decisions by route, limiter and outcome")
                .tags("route", route, "limiter", limiter, "decision", decision)
                .register(registry);
    }
}
