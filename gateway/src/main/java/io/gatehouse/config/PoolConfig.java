package io.gatehouse.config;

import java.time.Duration;

/**
 * Upstream connection pool settings. Pools are per event loop and per endpoint.
 *
 * @param maxConnections connections one event loop may hold open to one endpoint
 * @param maxPending     exchanges that may wait for a connection once the maximum is reached (503 beyond)
 * @param idleTimeout    a pooled connection unused this long is closed
 */
public record PoolConfig(int maxConnections, int maxPending, Duration idleTimeout) {
}
