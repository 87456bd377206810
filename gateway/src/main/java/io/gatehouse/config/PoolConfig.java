package io.gatehouse.config;

import java.time.Duration;

/**
 * Upstream connection pool settings. Pools are per event loop and per endpoint; how many connections they may
 * hold together is in {@link LimitsConfig}.
 *
 * @param idleTimeout a pooled connection unused this long is closed
 */
public record PoolConfig(Duration idleTimeout) {
}
