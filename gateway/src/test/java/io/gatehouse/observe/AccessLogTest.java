package io.gatehouse.observe;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class AccessLogTest {

    private final Counter dropped = new SimpleMeterRegistry().counter("dropped");

    @Test
    void dropsAndCountsEntriesWhenTheQueueIsFull() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        RecordingSink sink = RecordingSink.heldUntil(release);
        try (AccessLog log = new AccessLog(2, sink.logger(), dropped)) {
            log.log(entry("held"));
            assertThat(sink.firstWriteStarted.await(5, TimeUnit.SECONDS)).isTrue();
            log.log(entry("queued-1"));
            log.log(entry("queued-2"));
            log.log(entry("dropped-1"));
            log.log(entry("dropped-2"));

            assertThat(dropped.count()).isEqualTo(2);
            release.countDown();
        }
        assertThat(sink.lines).hasSize(3);
        assertThat(sink.lines.get(2)).contains("\"request_id\":\"queued-2\"");
    }

    @Test
    void closeWritesEverythingAlreadyQueued() {
        RecordingSink sink = RecordingSink.recording();
        AccessLog log = new AccessLog(100, sink.logger(), dropped);
        for (int i = 0; i < 50; i++) {
            log.log(entry("r-" + i));
        }

        log.close();

        assertThat(sink.lines).hasSize(50);
        assertThat(sink.lines.get(49)).contains("\"request_id\":\"r-49\"");
        assertThat(dropped.count()).isZero();
    }

    @Test
    void ignoresEntriesAfterClose() {
        RecordingSink sink = RecordingSink.recording();
        AccessLog log = new AccessLog(10, sink.logger(), dropped);
        log.close();

        log.log(entry("late"));
        log.close();

        assertThat(sink.lines).isEmpty();
    }

    @Test
    void disabledLogIgnoresEverything() {
        AccessLog log = AccessLog.disabled();

        log.log(entry("ignored"));
        log.close();

        assertThat(dropped.count()).isZero();
    }

    private static AccessLogEntry entry(String requestId) {
        return new AccessLogEntry(0, requestId, "127.0.0.1", "GET", "/", "r", null, "u", "127.0.0.1:1",
                0, 200, 0, 0, 10, 5, null);
    }
}
