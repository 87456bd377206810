package io.gatehouse.config;

import java.util.List;

/** A named group of endpoints with a balancing strategy and per-endpoint pool settings. */
public record UpstreamConfig(String name, String balancer, List<EndpointConfig> endpoints, PoolConfig pool) {

    /** The balancer names a config may use; each needs a strategy in {@code io.gatehouse.upstream.lb}. */
    public static final List<String> BALANCERS = List.of("round-robin");

    public UpstreamConfig {
        endpoints = List.copyOf(endpoints);
    }
}
