package io.gatehouse.proxy;

import io.netty.channel.EventLoop;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * A timeout that activity can push back cheaply: {@link #touch()} only moves the deadline, and the scheduled task
 * re-arms itself for the remainder when it fires early, as Netty's IdleStateHandler does. Time comes from the
 * loop's ticker, so tests on an EmbeddedChannel can advance it.
 */
final class Deadline implements Runnable {

    private final EventLoop loop;
    private final Runnable onExpiry;
    private long timeoutNanos;
    private long deadlineNanos;
    private ScheduledFuture<?> task;
    private boolean armed;

    Deadline(EventLoop loop, Runnable onExpiry) {
        this.loop = loop;
        this.onExpiry = onExpiry;
    }

    /** Arms (or re-arms) the deadline {@code timeoutNanos} from now; zero or less disables it. */
    void start(long timeoutNanos) {
        this.timeoutNanos = timeoutNanos;
        if (timeoutNanos <= 0) {
            stop();
            return;
        }
        armed = true;
        deadlineNanos = loop.ticker().nanoTime() + timeoutNanos;
        if (task != null && task.getDelay(TimeUnit.NANOSECONDS) > timeoutNanos) {
            task.cancel(false);
            task = null;
        }
        if (task == null) {
            task = loop.schedule(this, timeoutNanos, TimeUnit.NANOSECONDS);
        }
    }

    /** Activity: the deadline moves to a full timeout from now. */
    void touch() {
        if (armed) {
            deadlineNanos = loop.ticker().nanoTime() + timeoutNanos;
        }
    }

    void stop() {
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
            task = loop.schedule(this, remaining, TimeUnit.NANOSECONDS);
        } else {
            armed = false;
            onExpiry.run();
        }
    }
}
