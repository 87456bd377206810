package io.gatehouse.observe;

import io.micrometer.core.instrument.Counter;
import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The JSON access log: one line per exchange, rendered and written off the event loop.
 *
 * <p>{@link #log} only offers the entry to a bounded queue, so it never waits and never formats on the event loop.
 * One daemon writer thread renders each entry and hands the line to the sink logger. When the queue is full the
 * entry is dropped and counted; a slow disk or terminal must not stall request processing.
 *
 * <p>We keep our own queue rather than Logback's {@code AsyncAppender}: that appender silently discards INFO lines
 * once its queue is 80% full (or blocks the caller when told never to discard) and cannot count what it drops. The
 * sink can therefore be a plain synchronous appender.
 *
 * <p>Callers pass the path without its query string: queries often carry credentials (API keys, tokens) that must
 * not end up in log files.
 */
public final class AccessLog implements AutoCloseable {

    /** The logger name the sink is expected to use; the shipped logback.xml routes it to stdout. */
    public static final String LOGGER_NAME = "gatehouse.access";

    private static final Logger LOG = LoggerFactory.getLogger(AccessLog.class);
    private static final Duration DRAIN_TIMEOUT = Duration.ofSeconds(2);
    /** Queued by {@link #close()} behind everything already accepted; the writer stops when it takes it. */
    private static final AccessLogEntry STOP =
            new AccessLogEntry(0, "", "", "", "", null, null, null, null, 0, 0, 0, 0, 0, -1, null);
    private static final AccessLog DISABLED = new AccessLog();

    private final BlockingQueue<AccessLogEntry> queue;
    private final Logger sink;
    private final Counter dropped;
    private final Thread writer;
    private volatile boolean closed;

    public AccessLog(int queueSize, Logger sink, Counter dropped) {
        if (queueSize < 1) {
            throw new IllegalArgumentException("access log queue size must be at least 1, got " + queueSize);
        }
        // offer() never waits for space; the lock it takes is held only for an array store.
        this.queue = new ArrayBlockingQueue<>(queueSize);
        this.sink = sink;
        this.dropped = dropped;
        this.writer = new Thread(this::writeUntilStopped, "gatehouse-access-log");
        writer.setDaemon(true);
        writer.start();
    }

    private AccessLog() {
        this.queue = null;
        this.sink = null;
        this.dropped = null;
        this.writer = null;
        this.closed = true;
    }

    /** An access log that ignores every entry, for when access logging is switched off. */
    public static AccessLog disabled() {
        return DISABLED;
    }

    /** Whether entries are taken; callers skip building one when not. */
    public boolean enabled() {
        return !closed;
    }

    /** Queues the entry, or drops and counts it when the queue is full. Never blocks; ignored after close. */
    public void log(AccessLogEntry entry) {
        if (closed) {
            return;
        }
        if (!queue.offer(entry)) {
            dropped.increment();
        }
    }

    /** Writes what is already queued, waiting at most two seconds, then stops the writer thread. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        long deadline = System.nanoTime() + DRAIN_TIMEOUT.toNanos();
        try {
            if (queue.offer(STOP, DRAIN_TIMEOUT.toNanos(), TimeUnit.NANOSECONDS)) {
                writer.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (writer.isAlive()) {
            LOG.warn("Access log writer did not finish within {}; about {} lines are lost",
                    DRAIN_TIMEOUT, queue.size());
            writer.interrupt();
        }
    }

    private void writeUntilStopped() {
        try {
            for (AccessLogEntry entry = queue.take(); entry != STOP; entry = queue.take()) {
                write(entry);
            }
        } catch (InterruptedException e) {
            // close() gave up waiting on a stuck sink; the thread ends here.
        }
    }

    private void write(AccessLogEntry entry) {
        try {
            sink.info(AccessLogJson.render(entry));
        } catch (RuntimeException e) {
            // One bad line or a failing appender must not end the writer, or every later line would pile up.
            LOG.warn("Could not write an access log line for request {}", entry.requestId(), e);
        }
    }
}
