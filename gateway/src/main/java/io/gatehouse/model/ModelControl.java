package io.gatehouse.model;

import io.gatehouse.config.ModelRegistryConfig;
import io.gatehouse.config.ShadowConfig;
import io.gatehouse.config.TrafficConfig;
import io.gatehouse.config.UpstreamTlsConfig;
import io.gatehouse.internal.NanoClock;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The registry's control plane: loads and unloads versions through their backends' management APIs, moves
 * labels, sets weights, keeps these admin changes in the state store, reconciles the registry with what the
 * backends report, clears what versions that leave it leave behind, and rolls failing canaries back. Everything
 * runs on one thread, {@code gatehouse-models}, never on an event loop; callers get futures. Failures are
 * {@link ModelControlException}s carrying the HTTP status that says why.
 */
public final class ModelControl implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ModelControl.class);
    static final Duration POLL_INTERVAL = Duration.ofMillis(200);

    private final ModelRegistry registry;
    private final AdminChanges changes;
    private final BackendEndpoints endpoints;
    private final Supplier<ModelRegistryConfig> settings;
    private final BackendClient backends = new BackendClient(Duration.ofSeconds(5));
    private final ScheduledExecutorService control = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "gatehouse-models");
        thread.setDaemon(true);
        return thread;
    });
    private final VersionLoader loader;
    private final VersionTasks tasks = new VersionTasks();
    private final VersionRetirement retirement;
    private final Reconciler reconciler;
    private final CanaryWatch canaries;
    private final Duration pollInterval;
    private volatile VersionActivity activity;

    public ModelControl(ModelRegistry registry, ModelStateStore store, BackendEndpoints endpoints,
                        Supplier<ModelRegistryConfig> settings, NanoClock clock) {
        this(registry, store, endpoints, settings, clock, POLL_INTERVAL);
    }

    /** @param pollInterval how often readiness is polled during a load, and activity during a drain */
    ModelControl(ModelRegistry registry, ModelStateStore store, BackendEndpoints endpoints,
                 Supplier<ModelRegistryConfig> settings, NanoClock clock, Duration pollInterval) {
        this.registry = registry;
        this.activity = registry.load();
        this.changes = new AdminChanges(registry, store);
        this.endpoints = endpoints;
        this.settings = settings;
        this.loader = new VersionLoader(backends, control, clock, pollInterval);
        this.retirement = new VersionRetirement(registry, tasks,
                new VersionUnloader(backends, control, clock, pollInterval, () -> activity), endpoints, backends,
                settings, control, changes);
        this.reconciler = new Reconciler(this, registry, tasks, endpoints, loader);
        this.canaries = new CanaryWatch(registry, this::applyTraffic, Clock.systemUTC());
        this.pollInterval = pollInterval;
        registry.departures(retirement::departed);
    }

    /**
     * Reads the state store into the registry's overrides; call it before the first config is applied.
     *
     * @throws IllegalStateException when the store cannot be read
     */
    public void restore() {
        changes.restore();
    }

    /**
     * Reconciles now (loading every configured version) and then every {@code reconcile-interval}; an interval of
     * zero leaves versions to the admin API alone. Checks canaries about ten times per rollback window, and drops
     * the state that requests recreated for versions that are gone.
     */
    public void start() {
        long interval = settings.get().reconcileInterval().toMillis();
        if (interval > 0) {
            control.scheduleWithFixedDelay(reconciler::reconcileQuietly, 0, interval, TimeUnit.MILLISECONDS);
        }
        control.scheduleWithFixedDelay(this::housekeepQuietly, pollInterval.toMillis(), pollInterval.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    /** Judges every model's canaries now, completing with the rollbacks this made. */
    public CompletableFuture<List<CanaryRollback>> checkCanaries() {
        return onControl(() -> CompletableFuture.completedFuture(canaries.checkAll()));
    }

    /** The model's last automatic canary rollback; null when there was none since the gateway started. */
    public CanaryRollback lastRollback(String model) {
        return canaries.last(model);
    }

    private void housekeepQuietly() {
        try {
            canaries.checkDue();
            retirement.sweep();
        } catch (RuntimeException e) {
            LOG.warn("canary check or state sweep failed: {}", e.toString(), e);
        }
    }

    /** Where in-flight and queued counts come from: the registry's own queues unless a test says otherwise. */
    public void activity(VersionActivity source) {
        activity = source;
    }

    public VersionActivity activity() {
        return activity;
    }

    public ModelRegistry registry() {
        return registry;
    }

    /** Each endpoint's last readiness answer for the version, in endpoint order; empty before the first. */
    public List<BackendClient.Answer> readiness(String model, String version) {
        return tasks.readiness(new VersionKey(model, version));
    }

    /** The TLS settings the control plane keeps an HTTPS client for now. */
    Set<BackendHttpClients.Setting> tlsClients() {
        return backends.tlsClients();
    }

    /** Compares the registry with the backends once, completing when every load it started is done. */
    public CompletableFuture<Void> reconcile() {
        return onControl(reconciler::reconcile);
    }

    /**
     * Loads a version on {@code upstream} (null: the version's or the model's) and completes with it AVAILABLE,
     * or fails: 502 with the backend's error, 504 when it was not ready in time; the version is then END.
     */
    public CompletableFuture<VersionView> load(String model, String version, String upstream) {
        return onControl(() -> {
            ModelView view = existing(model);
            VersionView current = view.versions().get(version);
            String target = upstream != null ? upstream : current != null ? current.upstream() : view.upstream();
            if (target == null) {
                throw ModelControlException.badRequest("model '" + model + "' has no default upstream: name one,"
                        + " e.g. {\"upstream\": \"...\"}");
            }
            List<InetSocketAddress> addresses = endpoints.of(target);
            if (addresses == null) {
                throw ModelControlException.badRequest("no upstream named '" + target + "'");
            }
            VersionKey key = new VersionKey(model, version);
            refuseBusy(key, current);
            if (current != null && current.available()) {
                if (current.upstream().equals(target)) {
                    return CompletableFuture.completedFuture(current);
                }
                throw ModelControlException.conflict("version '" + version + "' of model '" + model
                        + "' is AVAILABLE on upstream '" + current.upstream() + "': unload it before loading it on '"
                        + target + "'");
            }
            changes.keep(model, override -> override.withLoaded(version, target));
            reconciler.forget(key);
            return runLoad(key, view, new VersionView(version, target, VersionState.LOADING, null), addresses,
                    addresses).thenApply(done -> {
                        if (!done.available()) {
                            throw new ModelControlException(done.error().startsWith(VersionLoader.NOT_READY)
                                    ? 504 : 502, "load of version '" + version + "' of model '" + model
                                    + "' failed, the version is END: " + done.error());
                        }
                        return done;
                    });
        });
    }

    /**
     * Unloads a version: it takes no new requests at once, its in-flight and queued requests drain (up to
     * {@code drain-timeout}), then every endpoint unloads it; completes with it END (with the backends' error if
     * they refused) and removed. 409 while a label, the default, a weight or the shadow points at it.
     */
    public CompletableFuture<VersionView> unload(String model, String version) {
        return onControl(() -> {
            ModelView view = existing(model);
            VersionView current = existingVersion(view, version);
            refuseBusy(new VersionKey(model, version), current);
            String pinned = TrafficRules.pinned(view, version);
            if (pinned != null) {
                throw ModelControlException.conflict(pinned);
            }
            return retirement.unload(view, current);
        });
    }

    /** Points a label at a version, which must be AVAILABLE (409 otherwise); completes with the model. */
    public CompletableFuture<ModelView> moveLabel(String model, String label, String version) {
        return onControl(() -> {
            ModelView view = existing(model);
            VersionView target = existingVersion(view, version);
            if (!target.available()) {
                throw ModelControlException.conflict("label '" + label + "' can only move to an AVAILABLE version:"
                        + " version '" + version + "' of model '" + model + "' is " + target.state());
            }
            changes.keep(model, override -> override.withLabel(label, version));
            ModelView moved = registry.updateModel(model, m -> {
                Map<String, String> labels = new HashMap<>(m.labels());
                labels.put(label, version);
                return m.withLabels(labels);
            });
            LOG.info("model {}: label {} -> version {} (was {})", model, label, version, view.labels().get(label));
            return CompletableFuture.completedFuture(moved);
        });
    }

    /** Sets the weights (null: no split) and the shadow (null: none), validated (400); completes with the model. */
    public CompletableFuture<ModelView> setTraffic(String model, TrafficConfig split, ShadowConfig shadow) {
        return onControl(() -> CompletableFuture.completedFuture(applyTraffic(model, split, shadow)));
    }

    /** Checks, persists and shows new weights and shadow; on the control thread. */
    private ModelView applyTraffic(String model, TrafficConfig split, ShadowConfig shadow) {
        TrafficRules.check(existing(model), split, shadow);
        changes.keep(model, override -> override.withTraffic(split, shadow));
        ModelView changed = registry.updateModel(model, m -> m.withTraffic(split, shadow));
        LOG.info("model {}: traffic {}, shadow {}", model, split == null ? "none" : split.weights(),
                shadow == null ? "none" : shadow.version() + " at " + shadow.percent() + "%");
        return changed;
    }

    /** Marks the version LOADING (or as given), loads it and marks it AVAILABLE or END; on the control thread. */
    CompletableFuture<VersionView> runLoad(VersionKey key, ModelView model, VersionView starting,
                                           List<InetSocketAddress> addresses, List<InetSocketAddress> loadOn) {
        registry.setVersion(key.model(), starting, true);
        UpstreamTlsConfig tls = endpoints.tls(starting.upstream());
        tasks.placed(key, starting.upstream(), addresses, tls);
        return tasks.start(key, loader.load(model, key.version(), addresses, loadOn, tls, settings.get().loadTimeout(),
                answers -> tasks.readiness(key, answers)).handleAsync((error, failure) -> {
                    tasks.finished(key);
                    String why = failure != null ? String.valueOf(failure) : error;
                    VersionView done = starting.withState(why == null ? VersionState.AVAILABLE : VersionState.END,
                            why);
                    registry.setVersion(key.model(), done, false);
                    return done;
                }, control));
    }

    private void refuseBusy(VersionKey key, VersionView current) {
        if (tasks.busy(key)) {
            String doing = tasks.departing(key) ? "being unloaded (it left the config)"
                    : current == null ? "LOADING" : current.state().name();
            throw ModelControlException.conflict("version '" + key.version() + "' of model '" + key.model()
                    + "' is " + doing + ": wait until that is done");
        }
    }

    private ModelView existing(String model) {
        ModelView view = registry.model(model);
        if (view == null) {
            throw ModelControlException.notFound("no model '" + model + "' (models: " + registry.current().keySet()
                    + ")");
        }
        return view;
    }

    private static VersionView existingVersion(ModelView view, String version) {
        VersionView found = view.versions().get(version);
        if (found == null) {
            throw ModelControlException.notFound("model '" + view.name() + "' has no version '" + version
                    + "' (versions: " + view.versions().keySet() + ")");
        }
        return found;
    }

    private <T> CompletableFuture<T> onControl(Supplier<CompletableFuture<T>> action) {
        return CompletableFuture.supplyAsync(action, control).thenCompose(future -> future);
    }

    @Override
    public void close() {
        control.shutdownNow();
        backends.close();
        registry.shadows().close();
    }
}
