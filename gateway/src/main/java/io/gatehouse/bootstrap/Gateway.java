package io.gatehouse.bootstrap;

import io.gatehouse.admin.AdminOperations;
import io.gatehouse.admin.AdminServer;
import io.gatehouse.admin.ReloadOutcome;
import io.gatehouse.auth.AuthServices;
import io.gatehouse.config.ConfigException;
import io.gatehouse.config.ConfigLoader;
import io.gatehouse.config.GatewayConfig;
import io.gatehouse.filter.FilterRegistry;
import io.gatehouse.config.ModelRegistryConfig;
import io.gatehouse.internal.NanoClock;
import io.gatehouse.model.FileModelStateStore;
import io.gatehouse.model.ModelControl;
import io.gatehouse.model.ModelRegistry;
import io.gatehouse.model.ModelStateStore;
import io.gatehouse.observe.AccessLog;
import io.gatehouse.observe.GatewayMetrics;
import io.gatehouse.proxy.GatewaySnapshot;
import io.gatehouse.proxy.ProxyServices;
import io.gatehouse.proxy.RouteRuntime;
import io.gatehouse.ratelimit.redis.RedisRateLimiter;
import io.gatehouse.server.Listeners;
import io.gatehouse.transport.EventLoops;
import io.gatehouse.transport.Transport;
import io.gatehouse.upstream.UpstreamRegistry;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running gateway: the only place that knows every part. Starts them in order, swaps config snapshots on
 * reload (serialised on one thread, off the event loops) and drains before it stops.
 */
public final class Gateway implements AdminOperations, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Gateway.class);

    private final ConfigSource source;
    private final ExecutorService configThread = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "gatehouse-config");
        thread.setDaemon(true);
        return thread;
    });
    private final AtomicReference<GatewaySnapshot> snapshot = new AtomicReference<>();
    private final ChannelGroup connections = new DefaultChannelGroup("downstream", GlobalEventExecutor.INSTANCE);
    private final GatewayMetrics metrics = new GatewayMetrics();
    private EventLoops loops;
    private AccessLog accessLog = AccessLog.disabled();
    private UpstreamRegistry upstreams;
    private RateLimiting rateLimiting;
    private final AuthServices auth = AuthServices.create();
    private final ModelRegistry models = new ModelRegistry(metrics);
    private ModelControl modelControl;
    private SnapshotFactory snapshots;
    private ProxyServices services;
    private Listeners listeners;
    private AdminServer admin;
    private ConfigWatcher watcher;
    private String appliedHash;
    private volatile boolean ready;
    private boolean closed;

    private Gateway(ConfigSource source) {
        this.source = source;
    }

    public static Gateway start(Path configFile) {
        return start(configFile, System::getenv);
    }

    /** Loads and validates the config, binds every listener and returns once the gateway is ready. */
    public static Gateway start(Path configFile, Function<String, String> env) {
        Gateway gateway = new Gateway(new ConfigSource(configFile, new ConfigLoader(FilterRegistry.builtins(), env)));
        try {
            gateway.startParts();
            return gateway;
        } catch (RuntimeException e) {
            gateway.close();
            throw e;
        }
    }

    private void startParts() {
        ConfigSource.Loaded loaded = source.load();
        GatewayConfig config = loaded.config();
        int threads = config.server().eventLoops() > 0 ? config.server().eventLoops()
                : Runtime.getRuntime().availableProcessors();
        Transport transport = Transport.best();
        loops = new EventLoops(transport, threads);
        if (transport == Transport.NIO && Transport.epollUnavailabilityCause() != null) {
            LOG.info("epoll unavailable ({}), using NIO", Transport.epollUnavailabilityCause().toString());
        }
        LOG.info("transport {} with {} event loop(s)", transport.name().toLowerCase(), threads);
        if (config.accessLog().enabled()) {
            accessLog = new AccessLog(config.accessLog().queueSize(), LoggerFactory.getLogger(AccessLog.LOGGER_NAME),
                    metrics.accessLogDropped());
        }
        upstreams = new UpstreamRegistry(loops, (upstream, endpoint) -> metrics.upstreamConnections(upstream,
                endpoint.authority(), endpoint.pools()::idle, endpoint.pools()::active)::remove);
        rateLimiting = new RateLimiting();
        ModelRegistryConfig registrySettings = config.modelRegistry();
        modelControl = new ModelControl(models, registrySettings.stateFile() == null ? ModelStateStore.inMemory()
                : new FileModelStateStore(registrySettings.stateFile()), new UpstreamBackends(upstreams),
                () -> snapshot.get().config().modelRegistry(), NanoClock.SYSTEM);
        modelControl.restore();
        snapshots = new SnapshotFactory(FilterRegistry.builtins(), upstreams, rateLimiting.limiters(), metrics,
                auth, models);
        snapshot.set(snapshots.build(config, source.file().toString()));
        appliedHash = loaded.hash();
        services = new ProxyServices(snapshot, loops, metrics, () -> accessLog);
        try {
            listeners = Listeners.bind(loops, config.listeners(), services, connections);
            admin = AdminServer.start(transport, config.admin(), this);
            watcher = new ConfigWatcher(source.file(), () -> reload("file change"));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while binding listeners", e);
        } catch (IOException e) {
            throw new IllegalStateException("cannot watch " + source.file() + ": " + e.getMessage(), e);
        }
        modelControl.start();
        ready = true;
        for (var listener : config.listeners()) {
            LOG.info("listener {} on {}:{}", listener.name(), listener.address(), listeners.port(listener.name()));
        }
        LOG.info("admin on {}:{}", config.admin().address(), admin.port());
    }

    /** The bound port of a data-plane listener. */
    public int port(String listener) {
        return listeners.port(listener);
    }

    public int adminPort() {
        return admin.port();
    }

    /** The node's model registry: desired state and what each version is doing. */
    public ModelRegistry models() {
        return models;
    }

    @Override
    public ModelControl modelControl() {
        return modelControl;
    }

    public EventLoops loops() {
        return loops;
    }

    public GatewayConfig config() {
        return snapshot.get().config();
    }

    @Override
    public boolean ready() {
        return ready;
    }

    @Override
    public CompletionStage<ReloadOutcome> reload(String trigger) {
        return CompletableFuture.supplyAsync(() -> reloadNow(trigger), configThread);
    }

    private ReloadOutcome reloadNow(String trigger) {
        try {
            ConfigSource.Loaded loaded = source.load();
            if (loaded.hash().equals(appliedHash)) {
                LOG.info("config unchanged ({})", trigger);
                return ReloadOutcome.applied(false);
            }
            warnAboutRestartOnlySettings(snapshot.get().config(), loaded.config());
            snapshot.set(snapshots.build(loaded.config(), source.file().toString()));
            appliedHash = loaded.hash();
            metrics.reloadSucceeded();
            LOG.info("config reloaded ({})", trigger);
            return ReloadOutcome.applied(true);
        } catch (ConfigException e) {
            metrics.reloadFailed();
            LOG.error("config reload ({}) rejected, the previous config keeps serving: {}", trigger, e.getMessage());
            return ReloadOutcome.rejected(e.errors());
        } catch (RuntimeException e) {
            metrics.reloadFailed();
            LOG.error("config reload ({}) failed, the previous config keeps serving", trigger, e);
            return ReloadOutcome.rejected(List.of(e.toString()));
        }
    }

    private static void warnAboutRestartOnlySettings(GatewayConfig old, GatewayConfig next) {
        if (!bindings(old).equals(bindings(next)) || !old.admin().equals(next.admin())
                || old.server().eventLoops() != next.server().eventLoops()
                || !old.accessLog().equals(next.accessLog())) {
            LOG.warn("listeners, admin, server.event-loops and access-log take effect only after a restart");
        }
    }

    /** What a listener binds: its TLS settings are not among them, as they apply on reload. */
    private static List<String> bindings(GatewayConfig config) {
        return config.listeners().stream().map(listener -> listener.name() + "@" + listener.address() + ":"
                + listener.port() + (listener.tls() == null ? "" : "+tls")).toList();
    }

    @Override
    public List<RouteRuntime> routes() {
        GatewaySnapshot current = snapshot.get();
        return current.router().ordered().stream().map(route -> current.route(route.index())).toList();
    }

    @Override
    public Map<String, String> redisStates() {
        Map<String, String> states = new java.util.TreeMap<>();
        if (rateLimiting != null) {
            rateLimiting.limiters().current().forEach((name, limiter) -> {
                if (limiter instanceof RedisRateLimiter redis) {
                    states.put(name, redis.state().name().toLowerCase(java.util.Locale.ROOT));
                }
            });
        }
        return states;
    }

    @Override
    public List<io.gatehouse.upstream.Upstream> upstreams() {
        return upstreams.upstreams(snapshot.get().config().upstreams().keySet());
    }

    @Override
    public String scrapeMetrics() {
        return metrics.scrape();
    }

    /**
     * Stops accepting, lets in-flight exchanges finish (their responses say {@code Connection: close}), closes idle
     * connections at once, and after {@code timeout} closes whatever is left. Returns whether all finished in time.
     */
    public boolean drain(Duration timeout) {
        ready = false;
        if (services == null) {
            return true;
        }
        services.startDraining();
        if (listeners != null) {
            listeners.close();
        }
        connections.forEach(channel -> channel.eventLoop().execute(() -> {
            var handler = channel.pipeline().get(io.gatehouse.proxy.DownstreamHandler.class);
            if (handler != null) {
                handler.closeIfIdle();
            }
        }));
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!connections.isEmpty() && System.nanoTime() < deadline) {
            sleepBriefly();
        }
        boolean clean = connections.isEmpty();
        if (!clean) {
            LOG.warn("drain timeout: closing {} connection(s) with exchanges still in flight", connections.size());
        }
        connections.close().awaitUninterruptibly();
        return clean;
    }

    /** Drains for the configured drain timeout, then stops every part. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        GatewaySnapshot current = snapshot.get();
        drain(current == null ? Duration.ZERO : current.config().server().drainTimeout());
        try {
            if (watcher != null) {
                watcher.close();
            }
        } catch (IOException e) {
            LOG.debug("closing the config watcher", e);
        }
        if (admin != null) {
            admin.close();
        }
        if (modelControl != null) {
            modelControl.close();
        }
        if (upstreams != null) {
            upstreams.retireAll();
        }
        if (rateLimiting != null) {
            rateLimiting.close();
        }
        auth.close();
        if (loops != null) {
            loops.group().shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
        }
        accessLog.close();
        configThread.shutdownNow();
        LOG.info("stopped");
    }

    private static void sleepBriefly() {
        try {
            Thread.sleep(20);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
