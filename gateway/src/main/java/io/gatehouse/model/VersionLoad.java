package io.gatehouse.model;

import io.gatehouse.config.ModelQueueConfig;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiPredicate;
import java.util.function.Predicate;

/**
 * The node's inference queues, one per model version, with their in-flight and queued counts: the data plane takes
 * and returns slots, the admin API reads the counts. A queue lives as long as the node and takes the limits of the
 * config the model has now, so a reload keeps the requests it holds.
 */
public final class VersionLoad implements VersionActivity {

    private final Map<String, Map<String, VersionQueue>> queues = new ConcurrentHashMap<>();

    /** The queue of {@code model}'s {@code version}, created with {@code limits} on first use. */
    public VersionQueue queue(String model, String version, ModelQueueConfig limits) {
        VersionQueue queue = queues.computeIfAbsent(model, m -> new ConcurrentHashMap<>())
                .computeIfAbsent(version, v -> new VersionQueue(limits));
        queue.limits(limits);
        return queue;
    }

    /** Requests of that version being answered now; 0 for a version never used. */
    @Override
    public long inFlight(String model, String version) {
        VersionQueue queue = find(model, version);
        return queue == null ? 0 : queue.inFlight();
    }

    /** Requests of that version waiting for a slot now; 0 for a version never used. */
    @Override
    public long queued(String model, String version) {
        VersionQueue queue = find(model, version);
        return queue == null ? 0 : queue.queued();
    }

    /** Drops the queues of versions that are gone; requests that hold a slot of one give it back to it alone. */
    void retain(Predicate<String> liveModel, BiPredicate<String, String> live) {
        VersionMaps.retain(queues, liveModel, live);
    }

    private VersionQueue find(String model, String version) {
        Map<String, VersionQueue> versions = queues.get(model);
        return versions == null ? null : versions.get(version);
    }
}
