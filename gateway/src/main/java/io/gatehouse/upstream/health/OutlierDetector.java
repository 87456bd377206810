package io.gatehouse.upstream.health;

import io.gatehouse.config.OutlierConfig;
import io.gatehouse.internal.NanoClock;
import io.gatehouse.upstream.Endpoint;
import io.gatehouse.upstream.TryOutcome;
import io.gatehouse.upstream.health.EndpointHealth.Ejection;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Passive outlier detection for one upstream: counts consecutive errors per endpoint from real traffic and ejects
 * an endpoint that reaches the threshold, for the base time multiplied by its number of ejections (capped), as
 * long as no more than the configured fraction of endpoints is ejected (one always may be). An ejected endpoint
 * returns by itself when its time is up; {@code onChange} is run (through {@code scheduler}) whenever the set of
 * ejected endpoints changes, including at each expiry. The state lives on each endpoint's {@link EndpointHealth},
 * so a detector rebuilt by a reload keeps it. Lock-free: every event loop reports to it.
 */
public final class OutlierDetector {

    private static final Logger LOG = LoggerFactory.getLogger(OutlierDetector.class);

    /** Runs a task after a delay, off the event loops. */
    @FunctionalInterface
    public interface Scheduler {
        void schedule(Runnable task, long delayNanos);
    }

    private final OutlierConfig config;
    private final NanoClock clock;
    private final Scheduler scheduler;
    private final Runnable onChange;
    /**
     * Ejections being decided now. Each counts against the limit of the others until its result is visible on its
     * endpoint, so two loops ejecting two endpoints at once cannot both squeeze under the limit. At the limit both
     * may refuse; their endpoints' next runs of errors decide again.
     */
    private final AtomicInteger deciding = new AtomicInteger();

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
        EndpointHealth health = endpoint.health();
        if (!outcome.endpointError()) {
            health.resetErrors();
            return false;
        }
        long now = clock.nanoTime();
        Ejection seen = health.ejection();
        // Tries that were in flight when the endpoint was ejected still report: they neither count nor extend it.
        if (EndpointHealth.ejectedAt(seen, now) || !health.countError(config.consecutiveErrors())) {
            return false;
        }
        return tryEject(endpoint, seen, now, all);
    }

    private boolean tryEject(Endpoint endpoint, Ejection seen, long now, List<Endpoint> all) {
        long duration = durationNanos(seen.count() + 1);
        Ejection ejection;
        int othersDeciding = deciding.getAndIncrement();
        try {
            int ejected = ejectedAmong(all, now);
            int allowed = allowedEjections(all.size());
            if (ejected + othersDeciding + 1 > allowed) {
                LOG.debug("endpoint {} had {} consecutive errors but stays: {} of {} endpoints are ejected and {} "
                        + "being ejected, at most {} may be", endpoint, config.consecutiveErrors(), ejected,
                        all.size(), othersDeciding, allowed);
                return false;
            }
            ejection = endpoint.health().eject(seen, now + duration);
        } finally {
            deciding.decrementAndGet();
        }
        if (ejection == null) {
            return false;
        }
        LOG.warn("endpoint {} ejected for {} after {} consecutive errors (ejection #{})", endpoint,
                Duration.ofNanos(duration), config.consecutiveErrors(), ejection.count());
        onChange.run();
        scheduler.schedule(() -> expired(endpoint, ejection), duration);
        return true;
    }

    private void expired(Endpoint endpoint, Ejection ejection) {
        // An endpoint ejected again before this task ran has not returned.
        if (endpoint.health().ejection() == ejection) {
            LOG.info("endpoint {} returns after ejection #{}", endpoint, ejection.count());
        }
        onChange.run();
    }

    /** The base ejection times {@code nth}, at most the maximum, without overflowing. */
    private long durationNanos(int nth) {
        long base = config.baseEjection().toNanos();
        long max = config.maxEjection().toNanos();
        return base > max / nth ? max : base * nth;
    }

    /** The fraction of {@code endpoints}, rounded down, but at least one. */
    private int allowedEjections(int endpoints) {
        // The epsilon keeps 0.29 x 100 (28.999999999999996 in binary floating point) at 29.
        return Math.max(1, (int) Math.floor(config.maxEjectedFraction() * endpoints + 1e-9));
    }

    private static int ejectedAmong(List<Endpoint> all, long now) {
        int ejected = 0;
        for (Endpoint endpoint : all) {
            if (endpoint.health().ejectedAt(now)) {
                ejected++;
            }
        }
        return ejected;
    }
}
