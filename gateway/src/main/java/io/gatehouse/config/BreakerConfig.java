package io.gatehouse.config;

import java.time.Duration;

/**
 * A Hystrix-style circuit breaker over a rolling window of {@code buckets} buckets spanning {@code window}.
 *
 * @param minRequests      requests the window must hold before the error rate can open the breaker
 * @param errorRate        the failed fraction of requests at or above which the breaker opens
 * @param openFor          how long it stays open before letting probes through
 * @param halfOpenRequests probes allowed while half open; all must succeed to close
 * @param failures         what counts as a failure
 * @param slowCall         a call at least this slow counts as slow; null to ignore slowness
 * @param slowCallRate     the slow fraction at or above which the breaker opens (with {@code slowCall})
 */
public record BreakerConfig(Duration window, int buckets, int minRequests, double errorRate, Duration openFor,
                            int halfOpenRequests, FailureConditions failures, Duration slowCall,
                            double slowCallRate) {
}
