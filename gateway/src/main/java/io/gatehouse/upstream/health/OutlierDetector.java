package io.gatehouse.upstream.health;

import io.gatehouse.config.OutlierConfig;
import io.gatehouse.internal.NanoClock;
import io.gatehouse.upstream.Endpoint;
import io.gatehouse.upstream.TryOutcome;
import java.util.List;

/**
 * Passive outlier detection for one upstream: counts consecutive errors per endpoint from real traffic and ejects
 * an endpoint that reaches the threshold, for the base time multiplied by its number of ejections (capped), as
 * long as no more than the configured fraction of endpoints is ejected (one always may be). An ejected endpoint
 * returns by itself when its time is up; {@code onChange} is run (through {@code scheduler}) whenever the set of
 * ejected endpoints changes, including at each expiry. The state lives on each endpoint's {@link EndpointHealth},
 * so a detector rebuilt by a reload keeps it.
 */
public final class OutlierDetector {

    /** Runs a task after a delay, off the event loops. */
    @FunctionalInterface
    public interface Scheduler {
        void schedule(Runnable task, long delayNanos);
    }

    private final OutlierConfig config;
    private final NanoClock clock;
    private final Scheduler scheduler;
    private final Runnable onChange;

    public OutlierDetector(OutlierConfig config, NanoClock clock, Scheduler scheduler, Runnable onChange) {
        this.config = config;
        this.clock = clock;
        this.scheduler = scheduler;
        this.onChange = onChange;
    }

    public OutlierConfig config() {
        return config;
    }

    /**
     * Counts the outcome of a try against {@code endpoint}, one of the upstream's endpoints {@code all}; returns
     * true when this outcome ejected it.
     */
    public boolean record(Endpoint endpoint, TryOutcome outcome, List<Endpoint> all) {
        return false;
    }
}
