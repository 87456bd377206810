package io.gatehouse.config;

import java.time.Duration;

/**
 * When a canary's weight drops to 0 on its own: over the last {@code window}, once the canary has answered at least
 * {@code minRequests}, its error rate exceeds the stable version's by more than {@code errorRateMargin} or its p99
 * latency exceeds the stable version's by more than {@code latencyMargin}.
 *
 * @param errorRateMargin in absolute terms, as a fraction: 0.1 allows 12% errors against a stable 2%
 * @param latencyMargin   relative to the stable p99, as a fraction: 0.5 allows 150 ms against a stable 100 ms
 */
public record RollbackConfig(double errorRateMargin, double latencyMargin, Duration window, int minRequests) {

    public static final RollbackConfig DEFAULT = new RollbackConfig(0.1, 0.5, Duration.ofMinutes(1), 50);
    /** Shorter windows would judge a canary on a handful of requests, and the checker would run too often. */
    public static final Duration MIN_WINDOW = Duration.ofSeconds(1);
}
