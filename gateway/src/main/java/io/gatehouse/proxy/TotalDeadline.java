package io.gatehouse.proxy;

import io.gatehouse.config.TimeoutsConfig;
import io.netty.util.concurrent.Ticker;

/**
 * A route's {@code timeouts.total} for one request, from its arrival across every try and every wait between
 * them; a total of zero sets none, and then each try has only its own response timeout.
 */
final class TotalDeadline {

    private final Ticker ticker;
    private final long startNanos;
    private final long totalNanos;
    private final long responseNanos;

    TotalDeadline(Ticker ticker, TimeoutsConfig timeouts) {
        this.ticker = ticker;
        this.startNanos = ticker.nanoTime();
        this.totalNanos = timeouts.total().toNanos();
        this.responseNanos = timeouts.response().toNanos();
    }

    boolean set() {
        return totalNanos > 0;
    }

    boolean passed() {
        return set() && remainingNanos() <= 0;
    }

    /** What is left of the total; only meaningful when {@link #set()}. */
    long remainingNanos() {
        return totalNanos - (ticker.nanoTime() - startNanos);
    }

    /** How long one try may wait for its response head: the response timeout, cut to what is left. */
    long tryTimeoutNanos() {
        return set() ? Math.max(1, Math.min(responseNanos, remainingNanos())) : responseNanos;
    }

    /** A wait before another try must end within this: what is left, or without a total one response timeout. */
    long retryWaitLimitNanos() {
        return set() ? remainingNanos() : responseNanos;
    }
}
