package io.gatehouse.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.gatehouse.config.ModelQueueConfig;
import io.gatehouse.model.VersionQueue.Grant;
import io.gatehouse.model.VersionQueue.Ticket;
import io.netty.channel.embedded.EmbeddedChannel;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Each EmbeddedChannel is an event loop whose tasks and timers run only when the test says so. */
class VersionQueueTest {

    private final EmbeddedChannel loopA = new EmbeddedChannel();
    private final EmbeddedChannel loopB = new EmbeddedChannel();
    private final VersionLoad load = new VersionLoad();
    private final VersionQueue queue = load.queue("m", "1", new ModelQueueConfig(2, 2, Duration.ofSeconds(10)));

    private Ticket acquire(EmbeddedChannel loop) {
        return queue.acquire(loop.eventLoop());
    }

    @Test
    void grantsUpToMaxInFlightThenQueuesThenRefuses() {
        Ticket first = acquire(loopA);
        Ticket second = acquire(loopB);
        Ticket third = acquire(loopA);
        Ticket fourth = acquire(loopB);
        Ticket fifth = acquire(loopA);

        assertThat(first.result()).isCompletedWithValue(Grant.GRANTED);
        assertThat(second.result()).isCompletedWithValue(Grant.GRANTED);
        assertThat(third.result()).isNotDone();
        assertThat(fourth.result()).isNotDone();
        assertThat(fifth.result()).isCompletedWithValue(Grant.QUEUE_FULL);
        assertThat(load.inFlight("m", "1")).isEqualTo(2);
        assertThat(load.queued("m", "1")).isEqualTo(2);
        fifth.close();
        assertThat(load.queued("m", "1")).isEqualTo(2);
    }

    @Test
    void aFreedSlotGoesToTheOldestWaiterOnItsOwnLoop() {
        Ticket first = acquire(loopA);
        acquire(loopA);
        Ticket waiting = acquire(loopB);
        Ticket later = acquire(loopA);

        first.close();
        // Handed over, but completed only when the waiter's loop runs its tasks.
        assertThat(waiting.result()).isNotDone();
        assertThat(load.inFlight("m", "1")).isEqualTo(2);
        assertThat(load.queued("m", "1")).isEqualTo(1);
        loopA.runPendingTasks();
        assertThat(waiting.result()).isNotDone();
        loopB.runPendingTasks();
        assertThat(waiting.result()).isCompletedWithValue(Grant.GRANTED);
        assertThat(later.result()).isNotDone();

        first.close();
        assertThat(load.inFlight("m", "1")).isEqualTo(2);
        waiting.close();
        loopA.runPendingTasks();
        assertThat(later.result()).isCompletedWithValue(Grant.GRANTED);
        assertThat(load.queued("m", "1")).isZero();
    }

    @Test
    void aWaiterTimesOutAtItsDeadlineAndLeavesTheQueue() {
        acquire(loopA);
        acquire(loopA);
        Ticket waiting = acquire(loopB);

        loopB.advanceTimeBy(9, TimeUnit.SECONDS);
        loopB.runScheduledPendingTasks();
        assertThat(waiting.result()).isNotDone();
        loopB.advanceTimeBy(1, TimeUnit.SECONDS);
        loopB.runScheduledPendingTasks();

        assertThat(waiting.result()).isCompletedWithValue(Grant.TIMED_OUT);
        assertThat(load.queued("m", "1")).isZero();
        waiting.close();
        assertThat(load.inFlight("m", "1")).isEqualTo(2);
    }

    @Test
    void aWaiterWhoseExchangeEndsLeavesAndItsSlotGoesToTheNext() {
        Ticket running = acquire(loopA);
        acquire(loopA);
        Ticket gone = acquire(loopB);
        Ticket next = acquire(loopB);

        gone.close();
        assertThat(load.queued("m", "1")).isEqualTo(1);
        running.close();
        loopB.runPendingTasks();

        assertThat(gone.result()).isNotDone();
        assertThat(next.result()).isCompletedWithValue(Grant.GRANTED);
        assertThat(load.inFlight("m", "1")).isEqualTo(2);
    }

    @Test
    void aGrantedWaiterWhoseExchangeEndedBeforeItsLoopRanReturnsTheSlot() {
        Ticket running = acquire(loopA);
        acquire(loopA);
        Ticket waiting = acquire(loopB);

        running.close();
        waiting.close();
        running.close();

        assertThat(load.inFlight("m", "1")).isEqualTo(1);
        assertThat(load.queued("m", "1")).isZero();
    }

    @Test
    void unknownVersionsCountNothing() {
        assertThat(load.inFlight("m", "9")).isZero();
        assertThat(load.queued("x", "1")).isZero();
    }
}
