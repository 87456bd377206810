package io.gatehouse.serving;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Poll mode: each poll makes every model serve what its policy selects among the versions whose model file is
 * complete, that is unchanged in size and modification time since the previous poll, so a file still being copied
 * is not loaded half-written. A version that failed to load is tried again only once its file changes; a model
 * whose directory is gone is unloaded.
 */
final class RepositoryPoller {

    private static final Logger LOG = LoggerFactory.getLogger(RepositoryPoller.class);

    /** What a model file looked like at one poll. */
    private record Stamp(long size, long modified) {
    }

    private final ModelManager manager;
    private final ModelRegistry registry;
    private Map<Path, Stamp> previous = Map.of();
    private final Map<Path, Stamp> failedAt = new HashMap<>();

    RepositoryPoller(ModelManager manager, ModelRegistry registry) {
        this.manager = manager;
        this.registry = registry;
    }

    /** One poll, on the loader thread; completes when its loads are done. */
    CompletableFuture<Void> poll() {
        return manager.onLoader(() -> {
            pollNow();
            return null;
        });
    }

    private void pollNow() {
        ModelRepository repository = manager.repository();
        Map<Path, Stamp> current = new HashMap<>();
        List<String> models = repository.models();
        for (String model : models) {
            SortedMap<Long, Path> onDisk = repository.versions(model);
            Set<Long> candidates = new HashSet<>(registry.entry(model).available().keySet());
            Set<Long> knownFailed = new HashSet<>();
            onDisk.forEach((version, file) -> {
                Stamp stamp = stamp(file);
                if (stamp == null) {
                    return;
                }
                current.put(file, stamp);
                if (stamp.size() > 0 && stamp.equals(previous.get(file))) {
                    candidates.add(version);
                }
                if (stamp.equals(failedAt.get(file))) {
                    knownFailed.add(version);
                }
            });
            try {
                for (ModelManager.LoadFailure failure : manager.reconcile(model, candidates, knownFailed)) {
                    failedAt.put(onDisk.get(failure.version()), current.get(onDisk.get(failure.version())));
                }
            } catch (ApiException e) {
                LOG.warn("poll: model {} left as it is: {}", model, e.getMessage());
            }
        }
        for (String model : registry.modelNames()) {
            if (!models.contains(model)) {
                manager.unloadAll(model);
            }
        }
        failedAt.keySet().retainAll(current.keySet());
        previous = current;
    }

    private static Stamp stamp(Path file) {
        try {
            BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
            return new Stamp(attributes.size(), attributes.lastModifiedTime().toMillis());
        } catch (IOException e) {
            return null;
        }
    }
}
