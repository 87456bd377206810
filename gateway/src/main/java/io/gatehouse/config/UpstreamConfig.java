package io.gatehouse.config;

import java.util.List;

/** A named group of endpoints with a balancing strategy and per-endpoint pool settings. */
public record UpstreamConfig(String name, String balancer, List<EndpointConfig> endpoints, PoolConfig pool) {

    public UpstreamConfig {
        endpoints = List.copyOf(endpoints);
    }
}
