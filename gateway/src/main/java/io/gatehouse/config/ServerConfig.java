package io.gatehouse.config;

import java.time.Duration;
import java.util.List;

/**
 * Process-wide data plane settings (key {@code server}).
 *
 * @param eventLoops        I/O threads; 0 means one per available processor
 * @param headerReadTimeout time allowed for a request's head to arrive once its first byte has (408 after)
 * @param bodyReadTimeout   idle time allowed between request body chunks (408 after)
 * @param keepAliveIdle     an idle downstream keep-alive connection is closed after this
 * @param drainTimeout      how long a graceful shutdown waits for in-flight exchanges
 * @param maxInitialLine    request line limit in bytes (414 over)
 * @param maxHeaderSize     request header section limit in bytes (431 over)
 * @param maxPipelined      requests a client may queue on one connection before the gateway stops reading
 * @param trustedProxies    CIDRs whose X-Forwarded-* and Forwarded headers are kept and appended to
 * @param maxConnectionsPerClient open client connections one address may hold across all listeners; 0 is no cap
 * @param http              request strictness and path normalisation
 */
public record ServerConfig(
        int eventLoops,
        Duration headerReadTimeout,
        Duration bodyReadTimeout,
        Duration keepAliveIdle,
        Duration drainTimeout,
        int maxInitialLine,
        int maxHeaderSize,
        int maxPipelined,
        List<String> trustedProxies,
        int maxConnectionsPerClient,
        HttpConfig http) {

    public ServerConfig {
        trustedProxies = List.copyOf(trustedProxies);
    }
}
