package io.gatehouse.upstream.resilience;

import io.gatehouse.config.BreakerConfig;
import io.gatehouse.internal.NanoClock;
import io.gatehouse.upstream.TryOutcome;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Hystrix-style circuit breaker of one upstream, shared by every event loop without locks. CLOSED counts
 * outcomes in a rolling window of buckets; once the window holds at least {@code minRequests} and the failed (or
 * slow) fraction reaches the threshold it turns OPEN and refuses everything for {@code openFor}; then HALF_OPEN lets
 * {@code halfOpenRequests} probes through, closing when all succeed and reopening on the first failure. A slow
 * probe counts as a failed one, since a breaker opened by slowness learns nothing from a probe that is slow again.
 *
 * <p>The breaker lives through a chain of periods (one CLOSED, OPEN or HALF_OPEN stretch each), swapped with one
 * CAS. {@link #acquire()} hands out the current period as the request's {@link Permit}, and an outcome counts only
 * towards the period its request was admitted in: a request admitted while CLOSED that ends during HALF_OPEN is
 * not mistaken for a probe, and one admitted before a reopening does not count towards the next close.
 *
 * <p>Every admission must be followed by exactly one outcome or abandonment with its permit, so that a half-open
 * probe slot is neither lost nor counted twice.
 */
public final class CircuitBreaker {

    private static final Logger LOG = LoggerFactory.getLogger(CircuitBreaker.class);

    public enum State { CLOSED, OPEN, HALF_OPEN }

    /**
     * The period a request was admitted in, to hand back with its outcome. Shared by every request of the period.
     */
    public static final class Permit {
        private final State state;
        private final long since;
        private final RollingWindow window;
        private final AtomicInteger probesTaken = new AtomicInteger();
        private final AtomicInteger probesSucceeded = new AtomicInteger();

        private Permit(State state, long since, RollingWindow window) {
            this.state = state;
            this.since = since;
            this.window = window;
        }

        private boolean tryTakeProbe(int limit) {
            while (true) {
                int taken = probesTaken.get();
                if (taken >= limit) {
                    return false;
                }
                if (probesTaken.compareAndSet(taken, taken + 1)) {
                    return true;
                }
            }
        }

        private void giveBackProbe() {
            probesTaken.decrementAndGet();
        }

        /** The successes so far including this one. */
        private int probeSucceeded() {
            return probesSucceeded.incrementAndGet();
        }
    }

    private final String name;
    private final BreakerConfig config;
    private final NanoClock clock;
    private final long openForNanos;
    private final AtomicReference<Permit> period;
    private final LongAdder timesOpened = new LongAdder();

    /** {@code name} identifies the breaker in logs, usually the upstream's name. */
    public CircuitBreaker(String name, BreakerConfig config, NanoClock clock) {
        if (config.halfOpenRequests() < 1) {
            throw new IllegalArgumentException("expected at least 1 half-open request, got "
                    + config.halfOpenRequests());
        }
        this.name = name;
        this.config = config;
        this.clock = clock;
        this.openForNanos = config.openFor().toNanos();
        this.period = new AtomicReference<>(closedPeriod(clock.nanoTime()));
    }

    public BreakerConfig config() {
        return config;
    }

    /**
     * Admits a request: the permit to hand back with its outcome, or null when the breaker refuses it. The first
     * call after {@code openFor} has passed turns the breaker HALF_OPEN and takes a probe slot.
     */
    public Permit acquire() {
        while (true) {
            Permit current = period.get();
            if (current.state == State.CLOSED) {
                return current;
            }
            if (current.state == State.HALF_OPEN) {
                return current.tryTakeProbe(config.halfOpenRequests()) ? current : null;
            }
            long now = clock.nanoTime();
            if (now - current.since < openForNanos) {
                return null;
            }
            if (period.compareAndSet(current, new Permit(State.HALF_OPEN, now, current.window))) {
                LOG.info("circuit breaker {} half-open after {}: letting {} probes through", name,
                        config.openFor(), config.halfOpenRequests());
            }
        }
    }

    /** The outcome of a request admitted with {@code permit}; ignored if the breaker has left that period. */
    public void onResult(Permit permit, TryOutcome outcome) {
        if (permit != period.get()) {
            return;
        }
        long now = clock.nanoTime();
        boolean failed = outcome.failsBy(config.failures());
        boolean slow = config.slowCall() != null && outcome.latencyNanos() >= config.slowCall().toNanos();
        if (permit.state == State.CLOSED) {
            permit.window.record(now, failed, slow);
            tripIfUnhealthy(permit, now);
        } else if (permit.state == State.HALF_OPEN) {
            if (failed || slow) {
                open(permit, now, "a probe ended " + outcome);
            } else if (permit.probeSucceeded() == config.halfOpenRequests()
                    && period.compareAndSet(permit, closedPeriod(now))) {
                LOG.info("circuit breaker {} closed: {} probes succeeded", name, config.halfOpenRequests());
            }
        }
    }

    /**
     * A request admitted with {@code permit} ended without an outcome (the client left): frees its probe slot.
     * A slot of a half-open period that has ended no longer matters, so it is freed all the same.
     */
    public void onAbandoned(Permit permit) {
        if (permit.state == State.HALF_OPEN) {
            permit.giveBackProbe();
        }
    }

    /**
     * The state as a caller would meet it now: an OPEN breaker whose open period is over reports HALF_OPEN even
     * before a request has arrived to move it there, so an idle upstream does not show open forever.
     */
    public State state() {
        Permit current = period.get();
        return current.state == State.OPEN && clock.nanoTime() - current.since >= openForNanos
                ? State.HALF_OPEN : current.state;
    }

    /** While OPEN, how long until probes are let through; otherwise 0. */
    public long remainingOpenNanos() {
        Permit current = period.get();
        if (current.state != State.OPEN) {
            return 0;
        }
        return Math.max(0, openForNanos - (clock.nanoTime() - current.since));
    }

    /**
     * Requests and failures in the current window, for the admin API. While OPEN or HALF_OPEN, the window that
     * opened the breaker, still rolling; a close starts a fresh one.
     */
    public WindowCounts window() {
        return period.get().window.counts(clock.nanoTime());
    }

    /** How many times the breaker has opened, reopenings from HALF_OPEN included. */
    public long timesOpened() {
        return timesOpened.sum();
    }

    private Permit closedPeriod(long now) {
        return new Permit(State.CLOSED, now, new RollingWindow(config.window().toNanos(), config.buckets()));
    }

    private void tripIfUnhealthy(Permit closed, long now) {
        WindowCounts counts = closed.window.counts(now);
        long requests = counts.requests();
        if (requests == 0 || requests < config.minRequests()) {
            return;
        }
        // a division, not errorRate * requests: 7/50 >= 0.14 holds, but 0.14 * 50 > 7 in doubles
        boolean failing = (double) counts.failures() / requests >= config.errorRate();
        boolean slow = config.slowCall() != null && (double) counts.slow() / requests >= config.slowCallRate();
        if (failing || slow) {
            open(closed, now, counts.failures() + " failed and " + counts.slow() + " slow of " + requests
                    + " requests in the last " + config.window());
        }
    }

    private void open(Permit from, long now, String why) {
        if (period.compareAndSet(from, new Permit(State.OPEN, now, from.window))) {
            timesOpened.increment();
            LOG.warn("circuit breaker {} opened for {}: {}", name, config.openFor(), why);
        }
    }

    public record WindowCounts(long requests, long failures, long slow) {
    }
}
