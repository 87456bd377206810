package io.gatehouse.upstream;

import io.gatehouse.config.UpstreamConfig;
import io.gatehouse.upstream.lb.Balancer;
import java.util.List;

/** A named set of endpoints and the strategy that picks among them; immutable per config snapshot. */
public final class Upstream {

    private final UpstreamConfig config;
    private final List<Endpoint> endpoints;
    private final Balancer balancer;

    Upstream(UpstreamConfig config, List<Endpoint> endpoints, Balancer balancer) {
        this.config = config;
        this.endpoints = List.copyOf(endpoints);
        this.balancer = balancer;
    }

    public String name() {
        return config.name();
    }

    public UpstreamConfig config() {
        return config;
    }

    public List<Endpoint> endpoints() {
        return endpoints;
    }

    Balancer balancer() {
        return balancer;
    }

    /** The endpoint for an exchange running on the loop with this index, or null when there is none. */
    public Endpoint pick(int loopIndex) {
        return endpoints.isEmpty() ? null : balancer.pick(loopIndex, endpoints);
    }
}
