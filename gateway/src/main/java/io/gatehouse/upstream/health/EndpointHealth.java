package io.gatehouse.upstream.health;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * What the node knows of one endpoint's health: the verdict of active checks and passive ejection. Written by the
 * health checker and the outlier detector, read by every event loop when the upstream recomputes which endpoints
 * take traffic.
 */
public final class EndpointHealth {

    public enum Status { HEALTHY, UNHEALTHY, EJECTED }

    private volatile boolean checkFailing;
    private volatile long ejectedUntilNanos;
    private volatile boolean ejected;
    private final AtomicInteger consecutiveErrors = new AtomicInteger();
    private final AtomicInteger ejections = new AtomicInteger();

    /** Whether the endpoint may take traffic at {@code nowNanos}. */
    public boolean available(long nowNanos) {
        return !checkFailing && !ejectedAt(nowNanos);
    }

    public Status status(long nowNanos) {
        return checkFailing ? Status.UNHEALTHY : ejectedAt(nowNanos) ? Status.EJECTED : Status.HEALTHY;
    }

    public boolean ejectedAt(long nowNanos) {
        return ejected && nowNanos - ejectedUntilNanos < 0;
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

    void eject(long untilNanos) {
        ejectedUntilNanos = untilNanos;
        ejected = true;
        ejections.incrementAndGet();
    }

    public long ejectedUntilNanos() {
        return ejectedUntilNanos;
    }

    /** How many times the endpoint was ejected since it was added. */
    public int ejections() {
        return ejections.get();
    }

    AtomicInteger consecutiveErrors() {
        return consecutiveErrors;
    }
}
