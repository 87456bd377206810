package io.gatehouse.model;

import io.gatehouse.config.ModelRegistryConfig;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes versions out of service, on the control thread. An operator's unload drains the version, has every endpoint
 * unload it and removes it. A version that leaves desired state otherwise (a reload drops it or its model, or moves
 * it to another upstream) is drained and unloaded the same way where it was loaded, if the gateway manages it and
 * may have loaded it. Then the node's state of versions that are gone (queues, counts, meters, readiness) goes.
 */
final class VersionRetirement {

    private static final Logger LOG = LoggerFactory.getLogger(VersionRetirement.class);

    private final ModelRegistry registry;
    private final VersionTasks tasks;
    private final VersionUnloader unloader;
    private final BackendEndpoints endpoints;
    private final Supplier<ModelRegistryConfig> settings;
    private final Executor control;
    private final AdminChanges changes;

    VersionRetirement(ModelRegistry registry, VersionTasks tasks, VersionUnloader unloader, BackendEndpoints endpoints,
                      Supplier<ModelRegistryConfig> settings, Executor control, AdminChanges changes) {
        this.registry = registry;
        this.tasks = tasks;
        this.unloader = unloader;
        this.endpoints = endpoints;
        this.settings = settings;
        this.control = control;
        this.changes = changes;
    }

    /**
     * An operator's unload of a version that may go (the caller checked): it takes no new requests at once, drains,
     * every endpoint unloads it, and it is removed and kept unloaded in the state store; completes with it END, with
     * the backends' error if they refused. On the control thread.
     */
    CompletableFuture<VersionView> unload(ModelView model, VersionView version) {
        VersionKey key = new VersionKey(model.name(), version.version());
        registry.setVersion(model.name(), version.withState(VersionState.UNLOADING, null), false);
        List<InetSocketAddress> addresses = endpoints.of(version.upstream());
        return tasks.start(key, drainAndUnload(model, version, addresses == null ? List.of() : addresses)
                .handleAsync((refused, failure) -> {
                    tasks.finished(key);
                    String why = failure != null ? String.valueOf(failure) : refused;
                    try {
                        changes.keep(model.name(), override -> override.withUnloaded(version.version()));
                    } catch (ModelControlException e) {
                        why = why == null ? e.getMessage() : why + "; " + e.getMessage();
                    }
                    registry.updateModel(model.name(), m -> m.withoutVersion(version.version()));
                    LOG.info("model {} version {}: UNLOADING -> END, removed{}", model.name(), version.version(),
                            why == null ? "" : " (" + why + ")");
                    return version.withState(VersionState.END, why);
                }, control));
    }

    /**
     * Takes note of versions a registry change took out, under the registry's lock: each stays busy (nothing else
     * starts on it, its queue keeps counting) until it is cleared on the control thread.
     */
    void departed(List<VersionDeparture> gone) {
        for (VersionDeparture departure : gone) {
            tasks.departed(departure.key());
            try {
                control.execute(() -> clear(departure));
            } catch (RejectedExecutionException stopping) {
                // The control plane is closing: nothing is unloaded any more.
            }
        }
    }

    /** Once the version's running load or unload is over: unloads it where it was loaded, if that is needed. */
    private void clear(VersionDeparture departure) {
        VersionKey key = departure.key();
        CompletableFuture<?> running = tasks.running(key);
        if (running != null) {
            running.whenCompleteAsync((done, failure) -> clear(departure), control);
            return;
        }
        VersionView now = registry.version(key);
        boolean back = now != null && now.upstream().equals(departure.version().upstream());
        if (back || !mayBeLoaded(departure)) {
            cleared(key);
            return;
        }
        List<InetSocketAddress> on = loadedOn(departure, now);
        if (on.isEmpty()) {
            cleared(key);
            return;
        }
        LOG.info("model {} version {} left {}: draining it, then unloading it on {}", key.model(), key.version(),
                now == null ? "the registry" : "upstream " + departure.version().upstream(), on);
        tasks.start(key, drainAndUnload(departure.model(), departure.version(), on).handleAsync((refused, failure) -> {
            tasks.finished(key);
            String why = failure != null ? String.valueOf(failure) : refused;
            LOG.info("model {} version {}: unloaded from {}{}", key.model(), key.version(), on,
                    why == null ? "" : " (" + why + ")");
            cleared(key);
            return null;
        }, control));
    }

    /** A managed version may be on its backends unless it never started loading or is being unloaded already. */
    private static boolean mayBeLoaded(VersionDeparture departure) {
        VersionState state = departure.version().state();
        return departure.model().managed() && state != VersionState.START && state != VersionState.UNLOADING;
    }

    /**
     * Where the departed version was loaded (its recorded placement, else its upstream's endpoints now), less the
     * endpoints of the upstream it serves from now: one backend may sit in both.
     */
    private List<InetSocketAddress> loadedOn(VersionDeparture departure, VersionView now) {
        VersionTasks.Placement placed = tasks.placement(departure.key());
        List<InetSocketAddress> listed = placed != null && placed.upstream().equals(departure.version().upstream())
                ? placed.endpoints() : endpoints.of(departure.version().upstream());
        List<InetSocketAddress> on = new ArrayList<>(listed == null ? List.of() : listed);
        List<InetSocketAddress> keep = now == null ? null : endpoints.of(now.upstream());
        if (keep != null) {
            on.removeAll(keep);
        }
        return on;
    }

    private CompletableFuture<String> drainAndUnload(ModelView model, VersionView version,
                                                     List<InetSocketAddress> on) {
        ModelRegistryConfig limits = settings.get();
        return unloader.unload(model, version.version(), on, endpoints.tls(version.upstream()), limits.drainTimeout(),
                limits.loadTimeout());
    }

    private void cleared(VersionKey key) {
        tasks.cleared(key);
        sweep();
    }

    /** Drops the node's state of every version that is gone and not busy; on the control thread. */
    void sweep() {
        registry.sweep(tasks::busy);
        tasks.retain(key -> registry.version(key) != null);
    }
}
