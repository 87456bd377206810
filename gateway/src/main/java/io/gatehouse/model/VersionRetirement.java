package io.gatehouse.model;

import io.gatehouse.config.ModelRegistryConfig;
import io.gatehouse.config.UpstreamTlsConfig;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
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
 * may have loaded it. Then the node's state of versions that are gone (queues, counts, meters, readiness) goes,
 * and so do the HTTPS clients of TLS settings that no call needs any more.
 */
final class VersionRetirement {

    private static final Logger LOG = LoggerFactory.getLogger(VersionRetirement.class);

    private final ModelRegistry registry;
    private final VersionTasks tasks;
    private final VersionUnloader unloader;
    private final BackendEndpoints endpoints;
    private final BackendClient backends;
    private final Supplier<ModelRegistryConfig> settings;
    private final Executor control;
    private final AdminChanges changes;

    VersionRetirement(ModelRegistry registry, VersionTasks tasks, VersionUnloader unloader, BackendEndpoints endpoints,
                      BackendClient backends, Supplier<ModelRegistryConfig> settings, Executor control,
                      AdminChanges changes) {
        this.registry = registry;
        this.tasks = tasks;
        this.unloader = unloader;
        this.endpoints = endpoints;
        this.backends = backends;
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
        VersionKey key = new VersionKey(model.name(), version.version());
        return unloader.unload(model, version.version(), on, () -> unloadTls(key, version.upstream()),
                limits.drainTimeout(), limits.loadTimeout());
    }

    /**
     * The TLS that unload calls to the version's endpoints on {@code upstream} go out with: the upstream's as
     * configured now, which is how the proxy reaches those backends too, or, once a reload deleted the upstream,
     * the TLS the version was last loaded with there (cleartext when it was never loaded there).
     */
    private UpstreamTlsConfig unloadTls(VersionKey key, String upstream) {
        if (endpoints.of(upstream) != null) {
            return endpoints.tls(upstream);
        }
        VersionTasks.Placement placed = tasks.placement(key);
        return placed != null && placed.upstream().equals(upstream) ? placed.tls() : null;
    }

    private void cleared(VersionKey key) {
        tasks.cleared(key);
        sweep();
    }

    /**
     * Drops the node's state of every version that is gone and not busy, and the HTTPS clients of TLS settings no
     * call needs any more; on the control thread.
     */
    void sweep() {
        registry.sweep(tasks::busy);
        tasks.retain(key -> registry.version(key) != null);
        dropUnusedClients();
    }

    /**
     * Keeps the HTTPS clients that calls may still take: those of the upstreams that versions name now (loads,
     * readiness), and, for each version a load or unload runs for or that is on its way out, those of its
     * placement as loaded and as {@link #unloadTls} would unload it. Every other client goes, such as the one of an
     * upstream's TLS before a reload changed it.
     */
    private void dropUnusedClients() {
        if (backends.tlsClients().isEmpty()) {
            return;
        }
        Set<BackendHttpClients.Setting> inUse = new HashSet<>();
        Set<String> named = new HashSet<>();
        registry.current().values().forEach(model -> model.versions().values()
                .forEach(version -> named.add(version.upstream())));
        for (String upstream : named) {
            List<InetSocketAddress> addresses = endpoints.of(upstream);
            if (addresses != null) {
                BackendClient.tlsSettings(endpoints.tls(upstream), addresses).forEach(inUse::add);
            }
        }
        for (VersionTasks.Placement placed : tasks.busyPlacements()) {
            BackendClient.tlsSettings(placed.tls(), placed.endpoints()).forEach(inUse::add);
            if (endpoints.of(placed.upstream()) != null) {
                BackendClient.tlsSettings(endpoints.tls(placed.upstream()), placed.endpoints()).forEach(inUse::add);
            }
        }
        backends.retainClients(inUse);
    }
}
