package io.gatehouse.serving;

import io.netty.util.concurrent.DefaultThreadFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads and unloads model versions. Every change runs on one loader thread, so changes never race and file I/O and
 * session creation never run on an event loop; an unload completes once the version's runs in flight have ended.
 */
final class ModelManager implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ModelManager.class);

    /** A version that failed to load, and why. */
    record LoadFailure(String model, long version, String error) {
        String message() {
            return "model '" + model + "' version " + version + " failed to load: " + error;
        }
    }

    private final ModelRepository repository;
    private final ModelLoader loader;
    private final ModelRegistry registry;
    private final ExecutorService thread =
            Executors.newSingleThreadExecutor(new DefaultThreadFactory("gatehouse-model-loader", true));

    ModelManager(ModelRepository repository, ModelLoader loader, ModelRegistry registry) {
        this.repository = repository;
        this.loader = loader;
        this.registry = registry;
    }

    ModelRepository repository() {
        return repository;
    }

    /** Runs {@code work} on the loader thread. */
    <T> CompletableFuture<T> onLoader(Callable<T> work) {
        CompletableFuture<T> result = new CompletableFuture<>();
        thread.execute(() -> {
            try {
                result.complete(work.call());
            } catch (Exception | Error e) {
                result.completeExceptionally(e);
            }
        });
        return result;
    }

    /** Serves what the model's version policy selects among the versions on disk. */
    CompletableFuture<List<LoadFailure>> applyPolicy(String model) {
        return onLoader(() -> {
            requireOnDisk(model);
            return reconcile(model, repository.versions(model).keySet(), Set.of());
        });
    }

    /** Loads exactly {@code versions} besides those already loaded; an AVAILABLE one stays as it is. */
    CompletableFuture<List<LoadFailure>> load(String model, Set<Long> versions) {
        return onLoader(() -> {
            requireOnDisk(model);
            SortedMap<Long, Path> onDisk = repository.versions(model);
            for (long version : versions) {
                if (!onDisk.containsKey(version)) {
                    throw ApiException.notFound("model '" + model + "' has no version " + version
                            + " in the repository (it has " + onDisk.keySet() + ")");
                }
            }
            ModelConfig config = config(model);
            List<LoadFailure> failures = new ArrayList<>();
            for (long version : new TreeSet<>(versions)) {
                LoadFailure failure = loadVersion(model, version, onDisk.get(version), config);
                if (failure != null) {
                    failures.add(failure);
                }
            }
            return failures;
        });
    }

    /** Unloads {@code versions}, or every version when null; completes when their sessions are closed. */
    CompletableFuture<Void> unload(String model, Set<Long> versions) {
        return onLoader(() -> {
            if (!registry.knows(model) && !repository.exists(model)) {
                throw ApiException.notFound("no model '" + model + "' in the repository");
            }
            Set<Long> chosen = versions == null ? registry.entry(model).available().keySet() : versions;
            return CompletableFuture.allOf(new ArrayList<>(chosen).stream()
                    .map(version -> unloadVersion(model, version)).toArray(CompletableFuture[]::new));
        }).thenCompose(closed -> closed);
    }

    /**
     * Makes the model serve what its policy selects among {@code candidates}, leaving out versions that fail to
     * load (and {@code knownFailed}) so that a failed load never takes down a version that serves: with
     * {@code latest: 1}, a newer version that fails leaves the previous one serving.
     */
    List<LoadFailure> reconcile(String model, Set<Long> candidates, Set<Long> knownFailed) {
        ModelConfig config = config(model);
        SortedMap<Long, Path> onDisk = repository.versions(model);
        Set<Long> excluded = new HashSet<>(knownFailed);
        List<LoadFailure> failures = new ArrayList<>();
        SortedSet<Long> desired;
        boolean failedNow;
        do {
            SortedSet<Long> eligible = new TreeSet<>(candidates);
            eligible.removeAll(excluded);
            eligible.retainAll(onDisk.keySet());
            desired = config.versionPolicy().select(eligible);
            failedNow = false;
            for (long version : desired) {
                LoadFailure failure = loadVersion(model, version, onDisk.get(version), config);
                if (failure != null) {
                    failures.add(failure);
                    excluded.add(version);
                    failedNow = true;
                }
            }
        } while (failedNow);
        for (long version : new ArrayList<>(registry.entry(model).available().keySet())) {
            if (!desired.contains(version)) {
                unloadVersion(model, version);
            }
        }
        return failures;
    }

    /** Unloads every version of a model whose directory is gone. */
    void unloadAll(String model) {
        for (long version : new ArrayList<>(registry.entry(model).available().keySet())) {
            unloadVersion(model, version);
        }
    }

    private ModelConfig config(String model) {
        try {
            return repository.config(model);
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("model '" + model + "': " + e.getMessage());
        }
    }

    private void requireOnDisk(String model) {
        if (!repository.exists(model)) {
            throw ApiException.notFound("no model '" + model + "' in the repository");
        }
    }

    /** Loads one version unless it is AVAILABLE; returns the failure, or null when it serves. */
    private LoadFailure loadVersion(String model, long version, Path file, ModelConfig config) {
        ModelRegistry.ModelEntry entry = registry.entry(model);
        if (entry.available().containsKey(version)) {
            return null;
        }
        entry.statuses().put(version, VersionStatus.of(version, VersionState.LOADING));
        try {
            ServedVersion served = loader.load(model, version, file, config);
            entry.available().put(version, served);
            entry.statuses().put(version, VersionStatus.of(version, VersionState.AVAILABLE));
            LOG.info("model {} version {} is available: inputs {}, outputs {}", model, version,
                    served.signature().inputs(), served.signature().outputs());
            return null;
        } catch (Exception e) {
            String error = e.getMessage() == null ? e.toString() : e.getMessage();
            entry.statuses().put(version, VersionStatus.failed(version, error));
            LOG.warn("model {} version {} failed to load from {}: {}", model, version, file, error);
            return new LoadFailure(model, version, error);
        }
    }

    private CompletableFuture<Void> unloadVersion(String model, long version) {
        ModelRegistry.ModelEntry entry = registry.entry(model);
        ServedVersion served = entry.available().remove(version);
        if (served == null) {
            return CompletableFuture.completedFuture(null);
        }
        VersionStatus unloading = VersionStatus.of(version, VersionState.UNLOADING);
        entry.statuses().put(version, unloading);
        LOG.info("model {} version {} is unloading; {} runs in flight", model, version, served.inFlight());
        return served.retire().thenRun(() -> {
            // A load of the same version meanwhile owns the status now.
            entry.statuses().replace(version, unloading, VersionStatus.of(version, VersionState.END));
            LOG.info("model {} version {} is unloaded", model, version);
        });
    }

    static String describe(List<LoadFailure> failures) {
        return failures.stream().map(LoadFailure::message).collect(Collectors.joining("; "));
    }

    /** Unloads everything, waiting for runs in flight, then stops the loader thread. */
    @Override
    public void close() {
        CompletableFuture<Void> all = onLoader(() -> CompletableFuture.allOf(registry.modelNames().stream()
                .flatMap(model -> new ArrayList<>(registry.entry(model).available().keySet()).stream()
                        .map(version -> unloadVersion(model, version)))
                .toArray(CompletableFuture[]::new))).thenCompose(closed -> closed);
        all.join();
        thread.shutdown();
    }
}
