package io.gatehouse.model;

import io.gatehouse.config.ModelQueueConfig;
import io.netty.channel.EventLoop;
import io.netty.util.concurrent.ScheduledFuture;
import java.time.Duration;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The bounded inference queue of one version (batch size 1): at most {@code max-in-flight} requests run at once and
 * up to {@code max-queued} wait, each at most {@code timeout}. Lock-free and shared by every event loop: a waiter is
 * woken on its own loop, whichever loop freed the slot. A taker and a releaser each re-check the other's side after
 * their own change, so no wake-up is lost.
 */
public final class VersionQueue {

    /** The outcome of {@link #acquire}, completed on the waiter's event loop. */
    public enum Grant { GRANTED, QUEUE_FULL, TIMED_OUT }

    private static final CompletableFuture<Grant> GRANTED_NOW = CompletableFuture.completedFuture(Grant.GRANTED);
    private static final CompletableFuture<Grant> FULL_NOW = CompletableFuture.completedFuture(Grant.QUEUE_FULL);

    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger queued = new AtomicInteger();
    private final Queue<Waiter> waiters = new ConcurrentLinkedQueue<>();
    private volatile ModelQueueConfig limits;

    VersionQueue(ModelQueueConfig limits) {
        this.limits = limits;
    }

    void limits(ModelQueueConfig next) {
        if (!next.equals(limits)) {
            limits = next;
            dispatch();
        }
    }

    public int inFlight() {
        return inFlight.get();
    }

    public int queued() {
        return queued.get();
    }

    /**
     * A slot now, or a wait for one on {@code loop}. The returned ticket must be {@link Ticket#close closed} when
     * the exchange ends, granted or not.
     */
    public Ticket acquire(EventLoop loop) {
        if (takeSlot()) {
            return new Ticket(this, null, GRANTED_NOW);
        }
        ModelQueueConfig now = limits;
        if (queued.incrementAndGet() > now.maxQueued()) {
            queued.decrementAndGet();
            return new Ticket(this, null, FULL_NOW);
        }
        Waiter waiter = new Waiter(loop);
        waiter.timer = loop.schedule(() -> waiter.expire(this), now.timeout().toNanos(), TimeUnit.NANOSECONDS);
        waiters.add(waiter);
        dispatch();
        return new Ticket(this, waiter, waiter.result);
    }

    private boolean takeSlot() {
        int max = limits.maxInFlight();
        for (int now = inFlight.get(); now < max; now = inFlight.get()) {
            if (inFlight.compareAndSet(now, now + 1)) {
                return true;
            }
        }
        return false;
    }

    private void release() {
        inFlight.decrementAndGet();
        dispatch();
    }

    /** Hands free slots to waiters, oldest first, skipping those that gave up. */
    private void dispatch() {
        while (!waiters.isEmpty() && takeSlot()) {
            Waiter waiter = waiters.poll();
            if (waiter == null || !waiter.grant(this)) {
                inFlight.decrementAndGet();
            }
        }
    }

    /** One request's claim on the queue. Confined to the request's event loop except for the state. */
    public static final class Ticket {

        private final VersionQueue queue;
        private final Waiter waiter;
        private final CompletableFuture<Grant> result;
        private boolean closed;

        private Ticket(VersionQueue queue, Waiter waiter, CompletableFuture<Grant> result) {
            this.queue = queue;
            this.waiter = waiter;
            this.result = result;
        }

        /** Completes on the ticket's event loop. */
        public CompletableFuture<Grant> result() {
            return result;
        }

        /** The longest the ticket waits for a slot. */
        public Duration timeout() {
            return queue.limits.timeout();
        }

        /** Returns the slot if one was granted, or leaves the queue; once. */
        public void close() {
            if (closed) {
                return;
            }
            closed = true;
            if (waiter == null ? result == GRANTED_NOW : !waiter.cancel(queue)) {
                queue.release();
            }
        }
    }

    private static final class Waiter {

        private static final int WAITING = 0;
        private static final int GRANTED = 1;
        private static final int GAVE_UP = 2;

        private final EventLoop loop;
        private final AtomicInteger state = new AtomicInteger(WAITING);
        private final CompletableFuture<Grant> result = new CompletableFuture<>();
        private volatile ScheduledFuture<?> timer;

        Waiter(EventLoop loop) {
            this.loop = loop;
        }

        /** Called with a slot taken for this waiter; false when it gave up (the caller returns the slot). */
        boolean grant(VersionQueue queue) {
            if (!state.compareAndSet(WAITING, GRANTED)) {
                return false;
            }
            queue.queued.decrementAndGet();
            loop.execute(() -> {
                timer.cancel(false);
                result.complete(Grant.GRANTED);
            });
            return true;
        }

        /** On the waiter's loop, at its deadline. */
        void expire(VersionQueue queue) {
            if (leave(queue)) {
                result.complete(Grant.TIMED_OUT);
            }
        }

        /** False when a slot was granted already: the caller owns it then. */
        boolean cancel(VersionQueue queue) {
            if (leave(queue)) {
                timer.cancel(false);
                return true;
            }
            return state.get() == GAVE_UP;
        }

        private boolean leave(VersionQueue queue) {
            if (!state.compareAndSet(WAITING, GAVE_UP)) {
                return false;
            }
            queue.queued.decrementAndGet();
            queue.waiters.remove(this);
            return true;
        }
    }
}
