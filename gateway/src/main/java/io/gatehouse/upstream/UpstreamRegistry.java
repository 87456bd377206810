package io.gatehouse.upstream;

import io.gatehouse.config.ConfigErrors;
import io.gatehouse.config.EndpointConfig;
import io.gatehouse.config.UpstreamConfig;
import io.gatehouse.transport.EventLoops;
import io.gatehouse.upstream.lb.Balancer;
import io.gatehouse.upstream.lb.Balancers;
import io.gatehouse.upstream.pool.EndpointPools;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;

/**
 * The long-lived side of upstreams: endpoints with their pools and the balancers, keyed by stable identity
 * (upstream name and endpoint authority) so that a config reload keeps connections and cursors of everything it
 * does not change. Reloads are serialised by the caller; nothing here runs on an event loop because resolving
 * host names blocks.
 */
public final class UpstreamRegistry {

    private final EventLoops loops;
    private final BiFunction<String, Endpoint, Runnable> onEndpointAdded;
    private final Map<String, Endpoint> endpoints = new HashMap<>();
    private final Map<String, Runnable> endpointRemovers = new HashMap<>();
    private final Map<String, Balancer> balancers = new HashMap<>();
    private final Map<String, String> balancerKinds = new HashMap<>();

    /**
     * @param onEndpointAdded told of each new endpoint (to register gauges); returns what undoes that on removal
     */
    public UpstreamRegistry(EventLoops loops, BiFunction<String, Endpoint, Runnable> onEndpointAdded) {
        this.loops = loops;
        this.onEndpointAdded = onEndpointAdded;
    }

    /**
     * Resolves every endpoint first, so a config naming an unknown host changes nothing, then builds the upstreams
     * of the new snapshot, reusing what is unchanged and retiring endpoints no longer listed.
     */
    public synchronized Map<String, Upstream> apply(Map<String, UpstreamConfig> configs, String source) {
        Map<String, InetSocketAddress> resolved = resolveAll(configs, source);
        Map<String, Upstream> upstreams = new LinkedHashMap<>();
        Set<String> live = new HashSet<>();
        for (UpstreamConfig config : configs.values()) {
            List<Endpoint> list = new ArrayList<>();
            for (EndpointConfig endpointConfig : config.endpoints()) {
                String key = key(config.name(), endpointConfig);
                live.add(key);
                list.add(endpoint(config, endpointConfig, key, resolved.get(key)));
            }
            upstreams.put(config.name(), new Upstream(config, list, balancer(config)));
        }
        retireAllBut(live);
        balancers.keySet().retainAll(configs.keySet());
        balancerKinds.keySet().retainAll(configs.keySet());
        return upstreams;
    }

    /** Retires every endpoint; used at shutdown. */
    public synchronized void retireAll() {
        retireAllBut(Set.of());
    }

    private Map<String, InetSocketAddress> resolveAll(Map<String, UpstreamConfig> configs, String source) {
        ConfigErrors errors = new ConfigErrors();
        Map<String, InetSocketAddress> resolved = new HashMap<>();
        for (UpstreamConfig config : configs.values()) {
            for (int i = 0; i < config.endpoints().size(); i++) {
                EndpointConfig endpoint = config.endpoints().get(i);
                String key = key(config.name(), endpoint);
                Endpoint existing = endpoints.get(key);
                if (existing != null) {
                    resolved.put(key, existing.address());
                    continue;
                }
                try {
                    resolved.put(key, new InetSocketAddress(InetAddress.getByName(endpoint.host()), endpoint.port()));
                } catch (UnknownHostException e) {
                    errors.add("upstreams." + config.name() + ".endpoints[" + i + "].address",
                            "cannot resolve host \"" + endpoint.host() + "\"");
                }
            }
        }
        errors.throwIfAny(source);
        return resolved;
    }

    private Endpoint endpoint(UpstreamConfig upstream, EndpointConfig config, String key, InetSocketAddress address) {
        Endpoint endpoint = endpoints.get(key);
        if (endpoint == null) {
            EndpointPools pools = new EndpointPools(loops, config.authority(), address, upstream.pool());
            endpoint = new Endpoint(config.authority(), address, config.weight(), pools);
            endpoints.put(key, endpoint);
            endpointRemovers.put(key, onEndpointAdded.apply(upstream.name(), endpoint));
        } else {
            endpoint.weight(config.weight());
            endpoint.pools().update(upstream.pool());
        }
        return endpoint;
    }

    private Balancer balancer(UpstreamConfig config) {
        if (!config.balancer().equals(balancerKinds.get(config.name()))) {
            balancers.put(config.name(), Balancers.create(config.balancer(), loops.count()));
            balancerKinds.put(config.name(), config.balancer());
        }
        return balancers.get(config.name());
    }

    private void retireAllBut(Set<String> live) {
        for (String key : new ArrayList<>(endpoints.keySet())) {
            if (!live.contains(key)) {
                endpoints.remove(key).pools().retire();
                endpointRemovers.remove(key).run();
            }
        }
    }

    private static String key(String upstream, EndpointConfig endpoint) {
        return upstream + "/" + endpoint.authority();
    }
}
