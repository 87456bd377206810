package io.gatehouse.observe;

import io.gatehouse.internal.NanoClock;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;

/**
 * A warning that can recur at request rate while something is down (an authorization service, a filter that stops
 * deciding): logged at most once per interval, with how many like it were left out since, so that an outage neither
 * floods the log nor keeps event loops writing to the console. Lock-free; callable from any thread.
 */
public final class OccasionalWarning {

    /** How often each kind of per-request warning may be logged. */
    public static final Duration INTERVAL = Duration.ofSeconds(10);

    private final Logger log;
    private final long intervalNanos;
    private final NanoClock clock;
    /** When the next warning may be logged. */
    private final AtomicLong nextNanos;
    private final LongAdder leftOut = new LongAdder();

    public OccasionalWarning(Logger log) {
        this(log, INTERVAL, NanoClock.SYSTEM);
    }

    OccasionalWarning(Logger log, Duration interval, NanoClock clock) {
        this.log = log;
        this.intervalNanos = interval.toNanos();
        this.clock = clock;
        this.nextNanos = new AtomicLong(clock.nanoTime());
    }

    /**
     * Logs {@code pattern} with {@code arguments} as SLF4J does (a last Throwable argument prints its stack trace),
     * unless a warning was logged less than an interval ago: then it is only counted, and the next one logged says
     * how many were left out.
     */
    public void warn(String pattern, Object... arguments) {
        long now = clock.nanoTime();
        long next = nextNanos.get();
        if (now - next < 0 || !nextNanos.compareAndSet(next, now + intervalNanos)) {
            leftOut.increment();
            return;
        }
        long skipped = leftOut.sumThenReset();
        if (skipped == 0) {
            log.warn(pattern, arguments);
            return;
        }
        int plain = arguments.length > 0 && arguments[arguments.length - 1] instanceof Throwable
                ? arguments.length - 1 : arguments.length;
        Object[] counted = Arrays.copyOf(arguments, arguments.length + 2);
        System.arraycopy(arguments, plain, counted, plain + 2, arguments.length - plain);
        counted[plain] = skipped;
        counted[plain + 1] = TimeUnit.NANOSECONDS.toSeconds(intervalNanos);
        log.warn(pattern + " ({} more like it left out, at most one is logged every {} s)", counted);
    }
}
