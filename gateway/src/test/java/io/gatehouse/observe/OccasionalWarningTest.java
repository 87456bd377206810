package io.gatehouse.observe;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.spi.ILoggingEvent;
import io.gatehouse.testing.CapturedLogs;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class OccasionalWarningTest {

    private static final String LOGGER = "io.gatehouse.observe.OccasionalWarningTest";

    private final AtomicLong nanos = new AtomicLong(5_000);
    private final OccasionalWarning warning = new OccasionalWarning(LoggerFactory.getLogger(LOGGER),
            Duration.ofSeconds(10), nanos::get);

    private void advanceSeconds(long seconds) {
        nanos.addAndGet(Duration.ofSeconds(seconds).toNanos());
    }

    @Test
    void logsOnceAnIntervalAndSaysHowManyItLeftOut() {
        try (CapturedLogs logs = new CapturedLogs(LOGGER)) {
            warning.warn("request {} failed", "r1");
            warning.warn("request {} failed", "r2");
            warning.warn("request {} failed", "r3");
            advanceSeconds(9);
            warning.warn("request {} failed", "r4");
            advanceSeconds(1);
            warning.warn("request {} failed", "r5");
            advanceSeconds(30);
            warning.warn("request {} failed", "r6");

            assertThat(logs.count("request ")).isEqualTo(3);
            assertThat(logs.count("request r1 failed")).isEqualTo(1);
            assertThat(logs.count("request r5 failed (3 more like it left out, at most one is logged every 10 s)"))
                    .isEqualTo(1);
            assertThat(logs.count("request r6 failed")).isEqualTo(1);
            assertThat(logs.count("more like it")).as("none left out before r6").isEqualTo(1);
        }
    }

    @Test
    void aThrowableStaysLastSoThatItsStackTraceIsLogged() {
        try (CapturedLogs logs = new CapturedLogs(LOGGER)) {
            IllegalStateException cause = new IllegalStateException("down");
            warning.warn("call {} failed", "a", cause);
            warning.warn("call {} failed", "b", cause);
            advanceSeconds(10);
            warning.warn("call {} failed", "c", cause);

            List<ILoggingEvent> events = logs.events();
            assertThat(events).hasSize(2);
            assertThat(events.get(1).getFormattedMessage())
                    .isEqualTo("call c failed (1 more like it left out, at most one is logged every 10 s)");
            assertThat(events).allSatisfy(event -> assertThat(event.getThrowableProxy().getMessage())
                    .isEqualTo("down"));
        }
    }
}
