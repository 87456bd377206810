package io.gatehouse.model;

import io.gatehouse.config.UpstreamTlsConfig;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Compares the registry with what the backends report, on the control thread: versions never loaded (START) are
 * loaded; AVAILABLE versions that an endpoint no longer reports ready (a backend restart) are loaded there again;
 * versions whose reconciler load failed are tried again on the next round. A load an operator asked for that
 * failed stays END until the operator acts.
 */
final class Reconciler {

    private static final Logger LOG = LoggerFactory.getLogger(Reconciler.class);

    private final ModelControl control;
    private final ModelRegistry registry;
    private final VersionTasks tasks;
    private final BackendEndpoints endpoints;
    private final VersionLoader loader;
    /** Versions whose last load was the reconciler's and failed; control thread only. */
    private final Set<VersionKey> retry = new HashSet<>();

    Reconciler(ModelControl control, ModelRegistry registry, VersionTasks tasks, BackendEndpoints endpoints,
               VersionLoader loader) {
        this.control = control;
        this.registry = registry;
        this.tasks = tasks;
        this.endpoints = endpoints;
        this.loader = loader;
    }

    /** An operator took the version over: its failures are no longer the reconciler's to retry. */
    void forget(VersionKey key) {
        retry.remove(key);
    }

    void reconcileQuietly() {
        try {
            reconcile();
        } catch (RuntimeException e) {
            LOG.error("model reconciliation failed", e);
        }
    }

    /** One round; completes when every load it started is done. */
    CompletableFuture<Void> reconcile() {
        retry.removeIf(key -> registry.version(key) == null);
        List<CompletableFuture<?>> work = new ArrayList<>();
        for (ModelView model : registry.current().values()) {
            for (VersionView version : model.versions().values()) {
                VersionKey key = new VersionKey(model.name(), version.version());
                if (tasks.busy(key)) {
                    continue;
                }
                boolean wanted = version.state() == VersionState.START
                        || version.state() == VersionState.END && retry.contains(key);
                if (wanted) {
                    work.add(load(key, model, version));
                } else if (version.available()) {
                    work.add(check(key, model, version));
                }
            }
        }
        return CompletableFuture.allOf(work.toArray(CompletableFuture[]::new));
    }

    private CompletableFuture<?> load(VersionKey key, ModelView model, VersionView version) {
        List<InetSocketAddress> addresses = endpoints.of(version.upstream());
        if (addresses == null) {
            registry.setVersion(key.model(), version.withState(VersionState.END, "no upstream named '"
                    + version.upstream() + "'"), false);
            retry.add(key);
            return CompletableFuture.completedFuture(null);
        }
        return control.runLoad(key, model, version.withState(VersionState.LOADING, null), addresses, addresses)
                .thenAccept(done -> remember(key, done));
    }

    /** Asks every endpoint; those that lost the version get its load again, the others keep serving it. */
    private CompletableFuture<?> check(VersionKey key, ModelView model, VersionView version) {
        List<InetSocketAddress> addresses = endpoints.of(version.upstream());
        if (addresses == null || addresses.isEmpty()) {
            return CompletableFuture.completedFuture(null);
        }
        UpstreamTlsConfig tls = endpoints.tls(version.upstream());
        return loader.readiness(model, version.version(), addresses, tls).thenComposeAsync(answers -> {
            VersionView now = registry.version(key);
            if (now == null || !now.available() || tasks.busy(key)) {
                return CompletableFuture.completedFuture(null);
            }
            List<InetSocketAddress> lost = new ArrayList<>();
            for (int i = 0; i < answers.size(); i++) {
                if (!answers.get(i).ok()) {
                    lost.add(addresses.get(i));
                }
            }
            if (lost.isEmpty()) {
                return CompletableFuture.completedFuture(null);
            }
            LOG.info("model {} version {} is not ready on {}: loading it there again ({})", key.model(),
                    key.version(), lost, VersionLoader.failures(answers));
            VersionView starting = lost.size() == addresses.size() ? now.withState(VersionState.LOADING, null) : now;
            return control.runLoad(key, registry.model(key.model()), starting, addresses, lost)
                    .thenAccept(done -> remember(key, done));
        }, loader.control());
    }

    private void remember(VersionKey key, VersionView done) {
        if (done.available()) {
            retry.remove(key);
        } else {
            retry.add(key);
        }
    }
}
