package io.gatehouse.observe;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.function.DoubleSupplier;

/**
 * The idle and active connection gauges of one upstream endpoint; {@link #remove()} them when the endpoint retires.
 */
public final class UpstreamPoolGauges {

    private static final String NAME = "gatehouse.upstream.pool.connections";

    private final MeterRegistry registry;
    private final Gauge idle;
    private final Gauge active;

    UpstreamPoolGauges(MeterRegistry registry, String upstream, String endpoint, DoubleSupplier idle,
            DoubleSupplier active) {
        // The registry would silently keep the first supplier and ignore ours.
        if (registry.find(NAME).tags("upstream", upstream, "endpoint", endpoint).gauge() != null) {
            throw new IllegalStateException("Pool gauges for upstream '" + upstream + "' endpoint '" + endpoint
                    + "' are already registered; register one supplier that sums the pools of every event loop");
        }
        this.registry = registry;
        this.idle = gauge(upstream, endpoint, "idle", idle);
        this.active = gauge(upstream, endpoint, "active", active);
    }

    /** Unregisters both gauges; calling it again does nothing. */
    public void remove() {
        registry.remove(idle);
        registry.remove(active);
    }

    private Gauge gauge(String upstream, String endpoint, String state, DoubleSupplier value) {
        return Gauge.builder(NAME, value, DoubleSupplier::getAsDouble)
                .description("Pooled upstream connections by state")
                .tags("upstream", upstream, "endpoint", endpoint, "state", state)
                // Gauges hold their object weakly by default; nothing else may keep this supplier alive.
                .strongReference(true)
                .register(registry);
    }
}
