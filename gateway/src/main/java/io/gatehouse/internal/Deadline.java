package io.gatehouse.internal;

import io.netty.channel.EventLoop;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * A timeout that costs next to nothing per use. {@link #start} and {@link #touch()} only move a deadline;
 * {@link #stop()} only disarms it. One scheduled task wakes up no later than the deadline and re-arms itself for
 * the remainder when it fires early, as Netty's IdleStateHandler does, so a connection serving request after
 * request schedules a task about once per timeout period rather than per request. Time comes from the loop's
 * ticker, so tests on an EmbeddedChannel can advance it.
 */
public final class Deadline implements Runnable {

    private final EventLoop loop;
    private final Runnable onExpiry;
    private long timeoutNanos;
    private long deadlineNanos;
    private ScheduledFuture<?> task;
    private long taskDueNanos;
    private boolean armed;

    public Deadline(EventLoop loop, Runnable onExpiry) {
        this.loop = loop;
        this.onExpiry = onExpiry;
    }

    /** Arms (or re-arms) the deadline {@code timeoutNanos} from now; zero or less disarms it. */
    public void start(long timeoutNanos) {
        this.timeoutNanos = timeoutNanos;
        if (timeoutNanos <= 0) {
            armed = false;
            return;
        }
        armed = true;
        deadlineNanos = loop.ticker().nanoTime() + timeoutNanos;
        if (task != null && taskDueNanos > deadlineNanos) {
            // The pending wake-up would come too late for the new, shorter deadline.
            task.cancel(false);
            task = null;
        }
        if (task == null) {
            schedule(timeoutNanos);
        }
    }

    /** Activity: the deadline moves to a full timeout from now. */
    public void touch() {
        if (armed) {
            deadlineNanos = loop.ticker().nanoTime() + timeoutNanos;
        }
    }

    /** Disarms; a pending wake-up is left to lapse, since the next {@link #start} will likely reuse it. */
    public void stop() {
        armed = false;
    }

    /** Disarms and drops the pending wake-up: for when the owner goes away for good. */
    public void cancel() {
        armed = false;
        if (task != null) {
            task.cancel(false);
            task = null;
        }
    }

    @Override
    public void run() {
        task = null;
        if (!armed) {
            return;
        }
        long remaining = deadlineNanos - loop.ticker().nanoTime();
        if (remaining > 0) {
            schedule(remaining);
        } else {
            armed = false;
            onExpiry.run();
        }
    }

    private void schedule(long delayNanos) {
        taskDueNanos = loop.ticker().nanoTime() + delayNanos;
        task = loop.schedule(this, delayNanos, TimeUnit.NANOSECONDS);
    }
}
