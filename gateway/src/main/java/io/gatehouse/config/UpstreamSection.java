package io.gatehouse.config;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads {@code upstreams}: a map from name to balancer, endpoints and pool settings, in document order. */
final class UpstreamSection {

    static final String DEFAULT_BALANCER = "round-robin";
    static final int DEFAULT_WEIGHT = 1;
    static final PoolConfig POOL_DEFAULTS = new PoolConfig(Duration.ofSeconds(60));
    static final LimitsConfig LIMITS_DEFAULTS = new LimitsConfig(1024, 1024, 1024);
    static final double DEFAULT_PANIC_THRESHOLD = 0.5;

    private UpstreamSection() {
    }

    static Map<String, UpstreamConfig> upstreams(ConfigNode node) {
        Map<String, UpstreamConfig> upstreams = new LinkedHashMap<>();
        node.entries().forEach((name, body) -> upstreams.put(name, upstream(name, body)));
        return upstreams;
    }

    private static UpstreamConfig upstream(String name, ConfigNode node) {
        if (!node.requireMap("balancer", "endpoints", "pool", "limits")) {
            return upstream(name, DEFAULT_BALANCER, List.of(), LIMITS_DEFAULTS, POOL_DEFAULTS);
        }
        ConfigNode balancerNode = node.get("balancer");
        String balancer = balancerNode.string(DEFAULT_BALANCER);
        if (!UpstreamConfig.BALANCERS.contains(balancer)) {
            balancerNode.errorUnknown("balancer", balancer, UpstreamConfig.BALANCERS);
        }
        return upstream(name, balancer, endpoints(node.get("endpoints")), limits(node.get("limits")),
                pool(node.get("pool")));
    }

    private static UpstreamConfig upstream(String name, String balancer, List<EndpointConfig> endpoints,
                                           LimitsConfig limits, PoolConfig pool) {
        return new UpstreamConfig(name, balancer, null, Duration.ZERO, new DiscoveryConfig.Static(endpoints), null,
                null, null, limits, pool, DEFAULT_PANIC_THRESHOLD);
    }

    private static LimitsConfig limits(ConfigNode node) {
        node.expectMap("max-connections", "max-pending", "max-active");
        return new LimitsConfig(
                node.get("max-connections").integer(LIMITS_DEFAULTS.maxConnections(), 1, Integer.MAX_VALUE),
                node.get("max-pending").integer(LIMITS_DEFAULTS.maxPending(), 0, Integer.MAX_VALUE),
                node.get("max-active").integer(LIMITS_DEFAULTS.maxActive(), 1, Integer.MAX_VALUE));
    }

    private static List<EndpointConfig> endpoints(ConfigNode node) {
        Uniqueness addresses = new Uniqueness("address");
        List<EndpointConfig> endpoints = new ArrayList<>();
        for (ConfigNode item : node.requiredItems("endpoint")) {
            if (!item.requireMap("address", "weight")) {
                continue;
            }
            ConfigNode addressNode = item.get("address");
            Addresses.HostPort address = addressNode.require() ? addressNode.parsed(Addresses::hostPort, null) : null;
            int weight = item.get("weight").integer(DEFAULT_WEIGHT, 1, Integer.MAX_VALUE);
            if (address != null) {
                EndpointConfig endpoint = new EndpointConfig(address.host(), address.port(), weight);
                addresses.check(addressNode, endpoint.authority(), "\"" + endpoint.authority() + "\"");
                endpoints.add(endpoint);
            }
        }
        return endpoints;
    }

    private static PoolConfig pool(ConfigNode node) {
        node.expectMap("idle-timeout");
        return new PoolConfig(node.get("idle-timeout").duration(POOL_DEFAULTS.idleTimeout()));
    }
}
