package io.gatehouse.config;

import java.time.Duration;

/**
 * Upstream connection pool settings: how pooled connections are made and kept. Pools are per event loop and per
 * endpoint; how many connections they may hold together is in {@link LimitsConfig}.
 *
 * @param idleTimeout a pooled connection unused this long is closed
 * @param tls         TLS on the upstream's connections ({@code upstreams.NAME.tls}); null for cleartext
 */
public record PoolConfig(Duration idleTimeout, UpstreamTlsConfig tls) {

    /** Cleartext connections. */
    public PoolConfig(Duration idleTimeout) {
        this(idleTimeout, null);
    }
}
