package io.gatehouse.serving;

import io.gatehouse.internal.NanoClock;

/**
 * The timestamps of one infer or predict request, taken on the worker that runs it (the first on the event loop
 * that queued it); when the request ends they go to the statistics of the version that served it, if it got that
 * far.
 */
final class RequestTimer {

    private final NanoClock clock;
    private final long queued;
    private final long started;
    private long runStarted;
    private long runEnded;
    private ServedVersion served;

    /** On the worker, as it starts the request queued at {@code queued}. */
    RequestTimer(NanoClock clock, long queued) {
        this.clock = clock;
        this.queued = queued;
        this.started = clock.nanoTime();
    }

    void servedBy(ServedVersion version) {
        served = version;
    }

    void runStarted() {
        runStarted = clock.nanoTime();
    }

    void runEnded() {
        runEnded = clock.nanoTime();
    }

    /** The answer is encoded. */
    void succeeded() {
        long done = clock.nanoTime();
        served.stats().succeeded(started - queued, runStarted - started, runEnded - runStarted, done - runEnded);
    }

    void failed() {
        if (served != null) {
            served.stats().failed(clock.nanoTime() - queued);
        }
    }
}
