package io.gatehouse.model;

import io.gatehouse.config.UpstreamTlsConfig;
import java.net.InetSocketAddress;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

/**
 * What the control plane is doing to each version and has learned of it: the load or unload running now (no other
 * may start meanwhile), the versions on their way out of the registry, where each version was last loaded, and
 * each endpoint's last readiness answer.
 */
final class VersionTasks {

    /**
     * Where and how a version was last loaded: on which upstream, at which endpoints, with which TLS (null for
     * cleartext), which outlives the upstream: a reload may delete it before the version is unloaded there.
     */
    record Placement(String upstream, List<InetSocketAddress> endpoints, UpstreamTlsConfig tls) {
    }

    /** Control thread only. */
    private final Map<VersionKey, CompletableFuture<?>> running = new HashMap<>();
    /** Counted, as one version may leave twice (another upstream, then gone) before the first is cleared. */
    private final Map<VersionKey, Integer> departing = new ConcurrentHashMap<>();
    private final Map<VersionKey, Placement> placements = new ConcurrentHashMap<>();
    private final Map<VersionKey, List<BackendClient.Answer>> readiness = new ConcurrentHashMap<>();

    /** Whether a load or unload of the version runs or it is on its way out: nothing else may start on it. */
    boolean busy(VersionKey key) {
        return running.containsKey(key) || departing.containsKey(key);
    }

    boolean departing(VersionKey key) {
        return departing.containsKey(key);
    }

    /** The load or unload of the version running now; null for none. */
    CompletableFuture<?> running(VersionKey key) {
        return running.get(key);
    }

    /** Marks {@code task} as the version's work until {@link #finished}; on the control thread. */
    <T> CompletableFuture<T> start(VersionKey key, CompletableFuture<T> task) {
        running.put(key, task);
        return task;
    }

    void finished(VersionKey key) {
        running.remove(key);
    }

    /** The version left the registry (any thread); it stays busy until {@link #cleared}. */
    void departed(VersionKey key) {
        departing.merge(key, 1, Integer::sum);
    }

    void cleared(VersionKey key) {
        departing.computeIfPresent(key, (k, count) -> count == 1 ? null : count - 1);
    }

    void placed(VersionKey key, String upstream, List<InetSocketAddress> endpoints, UpstreamTlsConfig tls) {
        placements.put(key, new Placement(upstream, List.copyOf(endpoints), tls));
    }

    /** Where the version was last loaded; null when the control plane never loaded it. */
    Placement placement(VersionKey key) {
        return placements.get(key);
    }

    /** The placements of the versions a load or unload runs for or that are on their way out; control thread. */
    List<Placement> busyPlacements() {
        return placements.entrySet().stream().filter(placed -> busy(placed.getKey())).map(Map.Entry::getValue)
                .toList();
    }

    void readiness(VersionKey key, List<BackendClient.Answer> answers) {
        readiness.put(key, answers);
    }

    /** Each endpoint's last readiness answer for the version, in endpoint order; empty before the first. */
    List<BackendClient.Answer> readiness(VersionKey key) {
        return readiness.getOrDefault(key, List.of());
    }

    /** Forgets what it learned of versions that {@code live} rejects and that nothing is busy with. */
    void retain(Predicate<VersionKey> live) {
        Predicate<VersionKey> gone = key -> !live.test(key) && !busy(key);
        placements.keySet().removeIf(gone);
        readiness.keySet().removeIf(gone);
    }
}
