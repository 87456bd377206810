package io.gatehouse.observe;

import io.gatehouse.ratelimit.RateLimiter;
import io.gatehouse.ratelimit.redis.RedisRateLimiter;
import io.gatehouse.upstream.Upstream;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.DoubleSupplier;

/** The gateway's meters, exported in the Prometheus text format. */
public final class GatewayMetrics {

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    /** Kept across reloads so an unchanged route keeps its resolved counters. */
    private final Map<String, RouteMeters> routes = new ConcurrentHashMap<>();
    /** By model, then version; kept as long as the version, like the version queues whose counts they show. */
    private final Map<String, Map<String, ModelMeters>> models = new ConcurrentHashMap<>();
    /** By upstream name, with the upstream object they read: a removed and re-added name is a new upstream. */
    private final Map<String, Map.Entry<Upstream, UpstreamMeters>> upstreams = new ConcurrentHashMap<>();
    private final Map<String, Map.Entry<RedisRateLimiter, RedisLimiterMeters>> redisLimiters =
            new ConcurrentHashMap<>();
    /** Updated from every event loop; a LongAdder avoids contending on one cache line. */
    private final LongAdder activeConnections = new LongAdder();
    private final Counter reloadsSucceeded;
    private final Counter reloadsFailed;
    private final Counter accessLogDropped;
    private final Counter refusedPerClient;

    public GatewayMetrics() {
        reloadsSucceeded = reloadCounter("ok");
        reloadsFailed = reloadCounter("failed");
        accessLogDropped = Counter.builder("gatehouse.access.log.dropped")
                .description("Access log lines dropped because the writer queue was full")
                .register(registry);
        refusedPerClient = Counter.builder("gatehouse.downstream.connections.refused")
                .description("Client connections closed at accept, by reason")
                .tag("reason", "per-client-limit")
                .register(registry);
        Gauge.builder("gatehouse.downstream.connections.active", activeConnections, LongAdder::sum)
                .description("Open client connections")
                .register(registry);
    }

    /** All meters in the Prometheus text exposition format. */
    public String scrape() {
        return registry.scrape();
    }

    /** Drops the meters of routes a reload removed, so renamed routes do not pile up as dead series. */
    public void retainRoutes(java.util.Set<String> routeNames) {
        routes.keySet().removeIf(name -> {
            if (routeNames.contains(name)) {
                return false;
            }
            routes.get(name).remove();
            return true;
        });
    }

    /** Registers the resilience meters of new upstreams and drops those of upstreams that are gone. */
    public synchronized void retainUpstreams(java.util.Collection<Upstream> current) {
        Map<String, Upstream> byName = new java.util.HashMap<>();
        current.forEach(upstream -> byName.put(upstream.name(), upstream));
        upstreams.entrySet().removeIf(entry -> {
            boolean gone = byName.get(entry.getKey()) != entry.getValue().getKey();
            if (gone) {
                entry.getValue().getValue().remove();
            }
            return gone;
        });
        byName.forEach((name, upstream) -> upstreams.computeIfAbsent(name,
                n -> Map.entry(upstream, new UpstreamMeters(registry, upstream))));
    }

    /** Registers the Redis meters of new cluster-wide limiters and drops those of limiters that are gone. */
    public synchronized void retainRedisLimiters(java.util.Collection<RateLimiter> current) {
        Map<String, RedisRateLimiter> byName = new java.util.HashMap<>();
        for (RateLimiter limiter : current) {
            if (limiter instanceof RedisRateLimiter redis) {
                byName.put(redis.config().name(), redis);
            }
        }
        redisLimiters.entrySet().removeIf(entry -> {
            boolean gone = byName.get(entry.getKey()) != entry.getValue().getKey();
            if (gone) {
                entry.getValue().getValue().remove();
            }
            return gone;
        });
        byName.forEach((name, limiter) -> redisLimiters.computeIfAbsent(name,
                n -> Map.entry(limiter, new RedisLimiterMeters(registry, limiter))));
    }

    /** The decision counters of a limiter on a route; the registry hands back the same counters for the same pair. */
    public RateLimitMeters rateLimit(String route, String limiter) {
        return new RateLimitMeters(registry, route, limiter);
    }

    /** The meters of a route; call when the config loads, not per request. The same name gets the same meters. */
    public RouteMeters forRoute(String routeName) {
        return routes.computeIfAbsent(routeName, name -> new RouteMeters(registry, name));
    }

    /**
     * The meters of a model version, registered on first use with gauges that read {@code inFlight} and
     * {@code queued} (from any thread); the same pair gets the same meters.
     */
    public ModelMeters forModelVersion(String model, String version, java.util.function.IntSupplier inFlight,
                                       java.util.function.IntSupplier queued) {
        Map<String, ModelMeters> versions = models.get(model);
        ModelMeters meters = versions == null ? null : versions.get(version);
        if (meters != null) {
            return meters;
        }
        return models.computeIfAbsent(model, m -> new ConcurrentHashMap<>()).computeIfAbsent(version,
                v -> new ModelMeters(registry, model, version, inFlight, queued));
    }

    /**
     * Drops the meters of model versions that {@code live} rejects (versions that are gone), and the emptied entry
     * of a model {@code liveModel} rejects: a model still there keeps it for the meters being added to it.
     */
    public void retainModelVersions(java.util.function.Predicate<String> liveModel,
                                    java.util.function.BiPredicate<String, String> live) {
        models.forEach((model, versions) -> {
            versions.entrySet().removeIf(entry -> {
                if (live.test(model, entry.getKey())) {
                    return false;
                }
                entry.getValue().remove();
                return true;
            });
            if (!liveModel.test(model)) {
                models.remove(model, Map.of());
            }
        });
    }

    public void reloadSucceeded() {
        reloadsSucceeded.increment();
    }

    public void reloadFailed() {
        reloadsFailed.increment();
    }

    /** The counter an {@link AccessLog} increments for each line it drops. */
    public Counter accessLogDropped() {
        return accessLogDropped;
    }

    public void connectionOpened() {
        activeConnections.increment();
    }

    public void connectionClosed() {
        activeConnections.decrement();
    }

    /** A connection was closed at accept because its address held {@code server.max-connections-per-client}. */
    public void connectionRefusedPerClient() {
        refusedPerClient.increment();
    }

    /**
     * Registers the idle and active connection counts of one upstream endpoint. The suppliers are read on the
     * scrape thread, so they must read thread-safe values, and one registration covers the pools of all event
     * loops.
     *
     * @throws IllegalStateException if gauges for this upstream and endpoint are already registered
     */
    public UpstreamPoolGauges upstreamConnections(String upstream, String endpoint, DoubleSupplier idle,
            DoubleSupplier active) {
        return new UpstreamPoolGauges(registry, upstream, endpoint, idle, active);
    }

    private Counter reloadCounter(String result) {
        return Counter.builder("gatehouse.config.reloads")
                .description("Configuration reloads by result")
                .tag("result", result)
                .register(registry);
    }
}
