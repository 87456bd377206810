package io.gatehouse.config;

import java.time.Duration;
import java.util.List;

/**
 * A named group of endpoints: where they come from, how one is picked, how their health is judged and how much
 * load the node sends them.
 *
 * @param hash           what consistent hashing hashes; null for other balancers
 * @param slowStart      how long a new or recovered endpoint takes to ramp up to its full share; zero for none
 * @param healthCheck    active checks; null for none
 * @param outlier        passive ejection on consecutive failures; null for none
 * @param breaker        the circuit breaker; null for none
 * @param panicThreshold below this fraction of available endpoints, balance over all of them
 */
public record UpstreamConfig(
        String name,
        String balancer,
        HashConfig hash,
        Duration slowStart,
        DiscoveryConfig discovery,
        HealthCheckConfig healthCheck,
        OutlierConfig outlier,
        BreakerConfig breaker,
        LimitsConfig limits,
        PoolConfig pool,
        double panicThreshold) {

    /** The balancer names a config may use; each needs a strategy in {@code io.gatehouse.upstream.lb}. */
    public static final List<String> BALANCERS = List.of("random", "round-robin", "weighted-round-robin",
            "least-connections", "least-latency", "consistent-hash");

    /** The endpoints listed in the config itself; empty for dynamic discovery. */
    public List<EndpointConfig> endpoints() {
        return discovery instanceof DiscoveryConfig.Static s ? s.endpoints() : List.of();
    }
}
