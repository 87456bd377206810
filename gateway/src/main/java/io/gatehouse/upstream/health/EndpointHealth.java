package io.gatehouse.upstream.health;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * What the node knows of one endpoint's health: the verdict of active checks and passive ejection. Written by the
 * health checker and the outlier detector, read by every event loop when the upstream recomputes which endpoints
 * take traffic.
 */
public final class EndpointHealth {

    public enum Status { HEALTHY, UNHEALTHY, EJECTED }

    /**
     * The latest ejection, swapped whole so that exactly one thread wins each ejection.
     *
     * @param count how many times the endpoint has been ejected, this one included
     */
    record Ejection(long untilNanos, int count) {
    }

    /** Never ejected: every nanosecond value is a possible deadline, so "none" is this instance, not a time. */
    private static final Ejection NEVER = new Ejection(0, 0);

    private volatile boolean checkFailing;
    private final AtomicReference<Ejection> ejection = new AtomicReference<>(NEVER);
    private final AtomicInteger consecutiveErrors = new AtomicInteger();

    /** Whether the endpoint may take traffic at {@code nowNanos}. */
    public boolean available(long nowNanos) {
        return !checkFailing && !ejectedAt(nowNanos);
    }

    public Status status(long nowNanos) {
        return checkFailing ? Status.UNHEALTHY : ejectedAt(nowNanos) ? Status.EJECTED : Status.HEALTHY;
    }

    public boolean ejectedAt(long nowNanos) {
        return ejectedAt(ejection.get(), nowNanos);
    }

    /** The active check's verdict; returns whether it changed. */
    public boolean checkFailing(boolean failing) {
        boolean changed = checkFailing != failing;
        checkFailing = failing;
        return changed;
    }

    public boolean checkFailing() {
        return checkFailing;
    }

    /** When the latest ejection ends (or ended); 0 when the endpoint was never ejected. */
    public long ejectedUntilNanos() {
        return ejection.get().untilNanos();
    }

    /** How many times the endpoint was ejected since it was added. */
    public int ejections() {
        return ejection.get().count();
    }

    Ejection ejection() {
        return ejection.get();
    }

    static boolean ejectedAt(Ejection ejection, long nowNanos) {
        return ejection != NEVER && nowNanos - ejection.untilNanos() < 0;
    }

    /** Ejects until {@code untilNanos} unless the ejection changed since {@code seen}; returns the new one or null. */
    Ejection eject(Ejection seen, long untilNanos) {
        Ejection next = new Ejection(untilNanos, seen.count() + 1);
        return ejection.compareAndSet(seen, next) ? next : null;
    }

    /**
     * Counts one more error in a row; returns true for the error that reaches {@code threshold}, which restarts
     * the count, so that exactly one of several threads reporting at once sees the crossing.
     */
    boolean countError(int threshold) {
        int seen;
        int next;
        do {
            seen = consecutiveErrors.get();
            next = seen + 1 >= threshold ? 0 : seen + 1;
        } while (!consecutiveErrors.compareAndSet(seen, next));
        return next == 0;
    }

    void resetErrors() {
        // Most outcomes are successes with nothing to reset: reading first keeps the cache line shared between loops.
        if (consecutiveErrors.get() != 0) {
            consecutiveErrors.set(0);
        }
    }
}
