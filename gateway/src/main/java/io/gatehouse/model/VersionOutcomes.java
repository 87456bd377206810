package io.gatehouse.model;

import io.gatehouse.internal.NanoClock;
import io.gatehouse.observe.ModelMeters;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiPredicate;
import java.util.function.Predicate;

/**
 * The recent outcomes of every version of a model with rollback settings, which the canary check compares: the
 * data plane records each finished exchange, the control thread reads. A version's window is created on its first
 * request and replaced when the model's window length changes.
 */
public final class VersionOutcomes {

    /** One version's window, and the meters that count its rollbacks. */
    static final class Tracked {
        final OutcomeWindow window;
        final ModelMeters meters;

        Tracked(OutcomeWindow window, ModelMeters meters) {
            this.window = window;
            this.meters = meters;
        }
    }

    private final NanoClock clock;
    private final Map<String, Map<String, Tracked>> models = new ConcurrentHashMap<>();

    VersionOutcomes(NanoClock clock) {
        this.clock = clock;
    }

    long now() {
        return clock.nanoTime();
    }

    /** The window of {@code model}'s {@code version}, {@code window} long, created on first use. */
    Tracked track(String model, String version, Duration window, ModelMeters meters) {
        long nanos = window.toNanos();
        Map<String, Tracked> versions = models.computeIfAbsent(model, m -> new ConcurrentHashMap<>());
        Tracked tracked = versions.get(version);
        if (tracked != null && tracked.window.windowNanos() == nanos) {
            return tracked;
        }
        return versions.compute(version, (v, now) -> now != null && now.window.windowNanos() == nanos ? now
                : new Tracked(new OutcomeWindow(nanos), meters));
    }

    /** Counts a finished exchange: a 5xx (the gateway's own replies included) is an error; 499 is not. */
    void record(Tracked tracked, int status, long latencyNanos) {
        tracked.window.record(clock.nanoTime(), status >= 500, latencyNanos);
    }

    /** The version's window now; null when it has had no request since it was tracked or reset. */
    Tracked find(String model, String version) {
        Map<String, Tracked> versions = models.get(model);
        return versions == null ? null : versions.get(version);
    }

    /** Forgets the outcomes of versions that are gone. */
    void retain(Predicate<String> liveModel, BiPredicate<String, String> live) {
        VersionMaps.retain(models, liveModel, live);
    }

    /** Forgets the version's outcomes, so a canary given weight again is judged on its new requests only. */
    void reset(String model, String version) {
        Map<String, Tracked> versions = models.get(model);
        if (versions != null) {
            versions.remove(version);
        }
    }
}
