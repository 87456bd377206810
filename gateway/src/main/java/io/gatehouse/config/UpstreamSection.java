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
    static final PoolConfig POOL_DEFAULTS = new PoolConfig(1024, 1024, Duration.ofSeconds(60));

    private UpstreamSection() {
    }

    static Map<String, UpstreamConfig> upstreams(ConfigNode node) {
        Map<String, UpstreamConfig> upstreams = new LinkedHashMap<>();
        node.entries().forEach((name, body) -> upstreams.put(name, upstream(name, body)));
        return upstreams;
    }

    private static UpstreamConfig upstream(String name, ConfigNode node) {
        if (!node.requireMap("balancer", "endpoints", "pool")) {
            return new UpstreamConfig(name, DEFAULT_BALANCER, List.of(), POOL_DEFAULTS);
        }
        ConfigNode balancerNode = node.get("balancer");
        String balancer = balancerNode.string(DEFAULT_BALANCER);
        if (!UpstreamConfig.BALANCERS.contains(balancer)) {
            balancerNode.errorUnknown("balancer", balancer, UpstreamConfig.BALANCERS);
        }
        return new UpstreamConfig(name, balancer, endpoints(node.get("endpoints")), pool(node.get("pool")));
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
        node.expectMap("max-connections", "max-pending", "idle-timeout");
        return new PoolConfig(
                node.get("max-connections").integer(POOL_DEFAULTS.maxConnections(), 1, Integer.MAX_VALUE),
                node.get("max-pending").integer(POOL_DEFAULTS.maxPending(), 0, Integer.MAX_VALUE),
                node.get("idle-timeout").duration(POOL_DEFAULTS.idleTimeout()));
    }
}
