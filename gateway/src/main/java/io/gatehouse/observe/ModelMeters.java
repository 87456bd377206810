package io.gatehouse.observe;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;

/**
 * The meters of one model version: requests by status class, latency, in-flight and queued requests, canary
 * rollbacks, and the outcomes of requests mirrored to it as a shadow. Created once
 * per version (model and version names come from the config and admin calls, never from clients), so label values
 * stay bounded, and removed with the version; recording allocates nothing.
 */
public final class ModelMeters {

    private static final String[] STATUS_CLASSES = {"1xx", "2xx", "3xx", "4xx", "5xx"};
    // Few buckets on purpose: inference is slower than most routes and each bucket is a series per version.
    private static final Duration[] LATENCY_BUCKETS = {
        Duration.ofMillis(5), Duration.ofMillis(25), Duration.ofMillis(100), Duration.ofMillis(500),
        Duration.ofMillis(2500), Duration.ofSeconds(10)
    };

    private final MeterRegistry registry;
    /** Every meter registered here, so that a version that is gone takes its series along. */
    private final List<Meter> meters = new ArrayList<>();
    private final Counter[] requests = new Counter[STATUS_CLASSES.length];
    private final Timer latency;
    private final Counter rollbacks;
    private final Counter[] shadow = new Counter[ShadowResult.values().length];

    ModelMeters(MeterRegistry registry, String model, String version, IntSupplier inFlight, IntSupplier queued) {
        this.registry = registry;
        for (int i = 0; i < STATUS_CLASSES.length; i++) {
            requests[i] = Counter.builder("gatehouse.model.requests")
                    .description("Finished model requests by model, version and status class")
                    .tags("model", model, "version", version, "status", STATUS_CLASSES[i])
                    .register(registry);
        }
        latency = Timer.builder("gatehouse.model.duration")
                .description("Time from the first request byte to the end of the exchange, by model version")
                .tags("model", model, "version", version)
                .serviceLevelObjectives(LATENCY_BUCKETS)
                .register(registry);
        rollbacks = Counter.builder("gatehouse.model.rollbacks")
                .description("Times a canary version's traffic weight was set to 0 for failing against the stable one")
                .tags("model", model, "version", version)
                .register(registry);
        for (ShadowResult result : ShadowResult.values()) {
            shadow[result.ordinal()] = Counter.builder("gatehouse.model.shadow")
                    .description("Requests mirrored to a shadow version, by how its output compared with the primary's")
                    .tags("model", model, "version", version, "result", result.label())
                    .register(registry);
        }
        // Strong references: the suppliers are method references nobody else holds, which a weakly held gauge
        // would lose to the first garbage collection (it then reads NaN).
        meters.add(Gauge.builder("gatehouse.model.in.flight", inFlight, s -> s.getAsInt())
                .strongReference(true)
                .description("Requests of a model version being answered")
                .tags("model", model, "version", version)
                .register(registry));
        meters.add(Gauge.builder("gatehouse.model.queued", queued, s -> s.getAsInt())
                .strongReference(true)
                .description("Requests of a model version waiting for a slot")
                .tags("model", model, "version", version)
                .register(registry));
        meters.addAll(List.of(requests));
        meters.addAll(List.of(shadow));
        meters.add(latency);
        meters.add(rollbacks);
    }

    /** Unregisters every meter of the version; what is recorded afterwards is counted nowhere. */
    void remove() {
        meters.forEach(registry::remove);
    }

    /** Counts one finished request; 499 (a client that left) and any status outside 100-599 count as 4xx. */
    public void record(int status, long nanos) {
        requests[status >= 100 && status <= 599 ? status / 100 - 1 : 3].increment();
        latency.record(nanos, TimeUnit.NANOSECONDS);
    }

    /** Counts a request mirrored, or meant to be mirrored, to this version as a shadow. */
    public void shadow(ShadowResult result) {
        shadow[result.ordinal()].increment();
    }

    /** Counts an automatic canary rollback of this version. */
    public void rolledBack() {
        rollbacks.increment();
    }
}
