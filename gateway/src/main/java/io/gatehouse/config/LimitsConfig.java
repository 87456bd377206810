package io.gatehouse.config;

/**
 * Concurrency limits of one upstream, for the whole node (all event loops and endpoints together), as Envoy's
 * circuit-breaker thresholds.
 *
 * @param maxConnections open connections to the upstream's endpoints
 * @param maxPending     requests waiting for a connection (503 or the fallback beyond)
 * @param maxActive      requests in flight to the upstream (503 or the fallback beyond)
 */
public record LimitsConfig(int maxConnections, int maxPending, int maxActive) {
}
