package io.gatehouse.upstream;

import io.gatehouse.config.ConfigErrors;
import io.gatehouse.config.ConfigException;
import io.gatehouse.config.DiscoveryConfig;
import io.gatehouse.config.EndpointConfig;
import io.gatehouse.config.UpstreamConfig;
import io.gatehouse.internal.NanoClock;
import io.gatehouse.transport.EventLoops;
import io.gatehouse.upstream.discovery.DiscoveredEndpoint;
import io.gatehouse.upstream.discovery.EndpointSource;
import io.gatehouse.upstream.discovery.EndpointSources;
import io.gatehouse.upstream.discovery.HostResolver;
import io.gatehouse.upstream.health.OutlierDetector;
import io.gatehouse.upstream.lb.Balancer;
import io.gatehouse.upstream.lb.Balancers;
import io.gatehouse.upstream.lb.RandomSource;
import io.gatehouse.upstream.pool.EndpointPools;
import io.gatehouse.upstream.resilience.CircuitBreaker;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BiFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The long-lived side of upstreams: one {@link Upstream} per name, its endpoints with their pools and health
 * checkers, and its discovery source, all keyed by stable identity (upstream name, endpoint authority) so that a
 * config reload or a discovery update keeps the connections, health, ejections and balancer state of everything
 * it does not change. Config reloads and discovery updates are serialised on this object; nothing here runs on an
 * event loop, because resolving and reading files block.
 */
public final class UpstreamRegistry {

    private static final Logger LOG = LoggerFactory.getLogger(UpstreamRegistry.class);

    private final EventLoops loops;
    private final BiFunction<String, Endpoint, Runnable> onEndpointAdded;
    private final NanoClock clock;
    private final RandomSource random;
    private final HostResolver resolver;
    /**
     * Recomputes candidates and ends ejections. Apart from discovery, whose lookups and reads may block for
     * seconds, so that health verdicts and ejections reach routing while a resolver does not answer.
     */
    private final ScheduledExecutorService housekeeping = singleThread("gatehouse-upstreams");
    /** Resolves names and reads endpoint files for the discovery sources. */
    private final ScheduledExecutorService discovery = singleThread("gatehouse-discovery");
    private final Map<String, Managed> upstreams = new HashMap<>();

    /** An upstream with what the registry keeps for it. */
    private final class Managed {
        final Upstream upstream;
        final Map<String, Endpoint> endpoints = new LinkedHashMap<>();
        final Map<String, Runnable> endpointRemovers = new HashMap<>();
        final EndpointCheckers checkers = new EndpointCheckers();
        EndpointSource source;
        DiscoveryConfig sourceConfig;

        Managed(Upstream upstream) {
            this.upstream = upstream;
        }
    }

    /**
     * @param onEndpointAdded told of each new endpoint (to register gauges); returns what undoes that on removal
     */
    public UpstreamRegistry(EventLoops loops, BiFunction<String, Endpoint, Runnable> onEndpointAdded) {
        this(loops, onEndpointAdded, NanoClock.SYSTEM, RandomSource.THREAD_LOCAL, HostResolver.SYSTEM);
    }

    public UpstreamRegistry(EventLoops loops, BiFunction<String, Endpoint, Runnable> onEndpointAdded,
                            NanoClock clock, RandomSource random, HostResolver resolver) {
        this.loops = loops;
        this.onEndpointAdded = onEndpointAdded;
        this.clock = clock;
        this.random = random;
        this.resolver = resolver;
    }

    /**
     * Resolves every static endpoint and builds every balancer first, so that a config naming an unknown host or
     * balancer changes nothing, then reconfigures the upstreams in place, creating new ones and retiring those no
     * longer named.
     *
     * @throws ConfigException listing every host that does not resolve and every balancer that cannot be built
     */
    public synchronized Map<String, Upstream> apply(Map<String, UpstreamConfig> configs, String source) {
        ConfigErrors errors = new ConfigErrors();
        Map<String, List<DiscoveredEndpoint>> statics = resolveStatic(configs, errors);
        Map<String, Balancer> balancers = balancers(configs, errors);
        errors.throwIfAny(source);
        Map<String, Upstream> result = new LinkedHashMap<>();
        for (UpstreamConfig config : configs.values()) {
            Managed managed = upstreams.computeIfAbsent(config.name(), n -> new Managed(new Upstream(config, clock)));
            configure(managed, config, balancers.get(config.name()));
            if (statics.containsKey(config.name())) {
                closeSource(managed);
                update(managed, statics.get(config.name()));
            } else {
                startSource(managed, config.discovery());
                updateCheckers(managed);
                managed.upstream.refresh();
            }
            result.put(config.name(), managed.upstream);
        }
        for (String name : new ArrayList<>(upstreams.keySet())) {
            if (!configs.containsKey(name)) {
                Managed removed = upstreams.remove(name);
                closeSource(removed);
                update(removed, List.of());
            }
        }
        return result;
    }

    /** The upstreams of these names that exist, in the order given. */
    public synchronized List<Upstream> upstreams(java.util.Collection<String> names) {
        List<Upstream> list = new ArrayList<>();
        for (String name : names) {
            Managed managed = upstreams.get(name);
            if (managed != null) {
                list.add(managed.upstream);
            }
        }
        return list;
    }

    /** Retires every endpoint and stops discovery and health checks; used at shutdown. */
    public synchronized void retireAll() {
        for (Managed managed : upstreams.values()) {
            closeSource(managed);
            update(managed, List.of());
        }
        upstreams.clear();
        housekeeping.shutdownNow();
        discovery.shutdownNow();
    }

    private static ScheduledExecutorService singleThread(String name) {
        return Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Each upstream's balancer: the one it has while its balancing settings stay, else a new one. */
    private Map<String, Balancer> balancers(Map<String, UpstreamConfig> configs, ConfigErrors errors) {
        Map<String, Balancer> balancers = new HashMap<>();
        for (UpstreamConfig config : configs.values()) {
            Managed managed = upstreams.get(config.name());
            if (managed != null && sameBalancing(managed.upstream.config(), config)) {
                balancers.put(config.name(), managed.upstream.balancer());
                continue;
            }
            try {
                balancers.put(config.name(), Balancers.create(config, loops.count(), clock, random));
            } catch (IllegalArgumentException e) {
                errors.add("upstreams." + config.name() + ".balancer", e.getMessage());
            }
        }
        return balancers;
    }

    private void configure(Managed managed, UpstreamConfig config, Balancer balancer) {
        Upstream upstream = managed.upstream;
        CircuitBreaker breaker = upstream.breaker();
        if (config.breaker() == null) {
            breaker = null;
        } else if (breaker == null || !breaker.config().equals(config.breaker())) {
            breaker = new CircuitBreaker(config.name(), config.breaker(), clock);
        }
        OutlierDetector outlier = config.outlier() == null ? null : new OutlierDetector(config.outlier(), clock,
                this::later, () -> later(upstream::refresh, 0));
        upstream.configure(config, balancer, breaker, outlier);
        managed.endpoints.values().forEach(e -> e.pools().update(config.pool()));
    }

    private static boolean sameBalancing(UpstreamConfig old, UpstreamConfig config) {
        return old.balancer().equals(config.balancer()) && Objects.equals(old.hash(), config.hash())
                && old.slowStart().equals(config.slowStart());
    }

    /**
     * Runs {@code task} on the housekeeping thread after {@code delayNanos}. Event loops call this (an ejection, a
     * health verdict); once the gateway has stopped there is nothing left to refresh, so the task is dropped.
     */
    private void later(Runnable task, long delayNanos) {
        try {
            housekeeping.schedule(task, delayNanos, TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException stopped) {
            LOG.debug("upstream housekeeping after shutdown dropped", stopped);
        }
    }

    private void startSource(Managed managed, DiscoveryConfig config) {
        if (config.equals(managed.sourceConfig)) {
            return;
        }
        closeSource(managed);
        managed.sourceConfig = config;
        EndpointSource source = EndpointSources.create(managed.upstream.name(), config, discovery, resolver);
        managed.source = source;
        source.start(list -> {
            synchronized (this) {
                if (managed.source == source) {
                    update(managed, list);
                }
            }
        });
    }

    private void closeSource(Managed managed) {
        if (managed.source != null) {
            managed.source.close();
            managed.source = null;
            managed.sourceConfig = null;
        }
    }

    /**
     * Makes {@code list} the upstream's endpoints: kept ones keep everything, new ones get pools (and start slow
     * start, unless the upstream had none whose share they would take: the endpoints it starts with, listed or
     * discovered, take their full share at once), removed ones retire once their in-flight exchanges end.
     */
    private void update(Managed managed, List<DiscoveredEndpoint> list) {
        Upstream upstream = managed.upstream;
        UpstreamConfig config = upstream.config();
        boolean initial = managed.endpoints.isEmpty();
        Map<String, Endpoint> next = new LinkedHashMap<>();
        long now = clock.nanoTime();
        for (DiscoveredEndpoint discovered : list) {
            Endpoint endpoint = managed.endpoints.get(discovered.authority());
            if (endpoint == null) {
                EndpointPools pools = new EndpointPools(loops, discovered.authority(), discovered.address(),
                        config.pool(), upstream.limits());
                endpoint = new Endpoint(discovered.authority(), discovered.address(), discovered.weight(), pools,
                        loops.count());
                if (!initial && !config.slowStart().isZero()) {
                    endpoint.startRamp(now);
                }
                managed.endpointRemovers.put(discovered.authority(), onEndpointAdded.apply(upstream.name(), endpoint));
            } else {
                endpoint.weight(discovered.weight());
            }
            next.put(discovered.authority(), endpoint);
        }
        for (Map.Entry<String, Endpoint> entry : managed.endpoints.entrySet()) {
            if (!next.containsKey(entry.getKey())) {
                entry.getValue().pools().retire();
                managed.endpointRemovers.remove(entry.getKey()).run();
            }
        }
        managed.endpoints.clear();
        managed.endpoints.putAll(next);
        updateCheckers(managed);
        upstream.endpoints(List.copyOf(next.values()));
        upstream.refresh();
    }

    private void updateCheckers(Managed managed) {
        Upstream upstream = managed.upstream;
        managed.checkers.update(upstream.name(), managed.endpoints, upstream.config().healthCheck(), loops,
                () -> later(upstream::refresh, 0));
    }

    private Map<String, List<DiscoveredEndpoint>> resolveStatic(Map<String, UpstreamConfig> configs,
                                                                 ConfigErrors errors) {
        Map<String, List<DiscoveredEndpoint>> resolved = new HashMap<>();
        for (UpstreamConfig config : configs.values()) {
            if (!(config.discovery() instanceof DiscoveryConfig.Static)) {
                continue;
            }
            Managed managed = upstreams.get(config.name());
            List<DiscoveredEndpoint> list = new ArrayList<>();
            for (int i = 0; i < config.endpoints().size(); i++) {
                EndpointConfig endpoint = config.endpoints().get(i);
                Endpoint existing = managed == null ? null : managed.endpoints.get(endpoint.authority());
                try {
                    InetSocketAddress address = existing != null ? existing.address()
                            : new InetSocketAddress(InetAddress.getByName(endpoint.host()), endpoint.port());
                    list.add(new DiscoveredEndpoint(endpoint.authority(), address, endpoint.weight()));
                } catch (UnknownHostException e) {
                    errors.add("upstreams." + config.name() + ".endpoints[" + i + "].address",
                            "cannot resolve host \"" + endpoint.host() + "\"");
                }
            }
            resolved.put(config.name(), list);
        }
        return resolved;
    }
}
