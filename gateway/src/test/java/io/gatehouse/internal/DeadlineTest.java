package io.gatehouse.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.embedded.EmbeddedChannel;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class DeadlineTest {

    private static final long TIMEOUT = TimeUnit.SECONDS.toNanos(30);

    private final EmbeddedChannel channel = new EmbeddedChannel();
    private final AtomicInteger expired = new AtomicInteger();
    private final Deadline deadline;

    DeadlineTest() {
        channel.freezeTime();
        deadline = new Deadline(channel.eventLoop(), expired::incrementAndGet);
    }

    @AfterEach
    void tearDown() {
        assertThat(channel.finishAndReleaseAll()).isFalse();
    }

    private void advance(long nanos) {
        channel.advanceTimeBy(nanos, TimeUnit.NANOSECONDS);
        channel.runScheduledPendingTasks();
    }

    @Test
    void expiresOnceAfterTheTimeout() {
        deadline.start(TIMEOUT);
        advance(TIMEOUT - 1);
        assertThat(expired).hasValue(0);
        advance(1);
        assertThat(expired).hasValue(1);
        advance(TIMEOUT * 3);
        assertThat(expired).hasValue(1);
    }

    @Test
    void touchPushesTheDeadlineBack() {
        deadline.start(TIMEOUT);
        advance(TIMEOUT / 2);
        deadline.touch();

        advance(TIMEOUT / 2);
        assertThat(expired).as("the first task fires early and re-arms for the remainder").hasValue(0);
        advance(TIMEOUT / 2 - 1);
        assertThat(expired).hasValue(0);
        advance(1);
        assertThat(expired).hasValue(1);
    }

    @Test
    void repeatedTouchesKeepItAlive() {
        deadline.start(TIMEOUT);
        for (int i = 0; i < 100; i++) {
            advance(TIMEOUT - 1);
            deadline.touch();
        }
        assertThat(expired).hasValue(0);
        advance(TIMEOUT);
        assertThat(expired).hasValue(1);
    }

    @Test
    void stopCancels() {
        deadline.start(TIMEOUT);
        advance(TIMEOUT - 1);
        deadline.stop();
        advance(TIMEOUT * 2);
        assertThat(expired).hasValue(0);
        deadline.touch();
        advance(TIMEOUT * 2);
        assertThat(expired).as("touch does not re-arm a stopped deadline").hasValue(0);
    }

    @Test
    void restartWithAShorterTimeoutTakesEffect() {
        deadline.start(TIMEOUT);
        advance(TIMEOUT / 3);
        deadline.start(TIMEOUT / 10);
        advance(TIMEOUT / 10);
        assertThat(expired).hasValue(1);
    }

    @Test
    void restartWithALongerTimeoutTakesEffect() {
        deadline.start(TIMEOUT / 10);
        deadline.start(TIMEOUT);
        advance(TIMEOUT - 1);
        assertThat(expired).hasValue(0);
        advance(1);
        assertThat(expired).hasValue(1);
    }

    @Test
    void zeroTimeoutDisables() {
        deadline.start(TIMEOUT);
        deadline.start(0);
        advance(TIMEOUT * 2);
        assertThat(expired).hasValue(0);
    }

    @Test
    void aStopAndRestartReusesThePendingWakeUpAndStillExpiresOnTime() {
        deadline.start(TIMEOUT);
        advance(TIMEOUT / 2);
        deadline.stop();
        deadline.start(TIMEOUT);
        advance(TIMEOUT - 1);
        assertThat(expired).as("the early wake-up re-armed for the remainder").hasValue(0);
        advance(1);
        assertThat(expired).hasValue(1);
    }

    @Test
    void cancelDropsThePendingWakeUp() {
        deadline.start(TIMEOUT);
        deadline.cancel();
        assertThat(channel.eventLoop()).isNotNull();
        advance(TIMEOUT * 2);
        assertThat(expired).hasValue(0);
        assertThat(channel.hasPendingTasks()).isFalse();
    }
}
