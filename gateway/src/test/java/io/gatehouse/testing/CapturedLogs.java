package io.gatehouse.testing;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.time.Duration;
import java.util.List;
import org.slf4j.LoggerFactory;

/**
 * Records what one logger logs until closed, for tests whose only observable sign that the gateway has seen
 * something (a rejected endpoints file) is the line it logs about it.
 */
public final class CapturedLogs implements AutoCloseable {

    private final Logger logger;
    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

    /** @param loggerName usually a class name, which also names package-private classes */
    public CapturedLogs(String loggerName) {
        logger = (Logger) LoggerFactory.getLogger(loggerName);
        appender.start();
        logger.addAppender(appender);
    }

    /** How many formatted messages so far contain {@code fragment}. */
    public long count(String fragment) {
        synchronized (appender) {
            return appender.list.stream().filter(event -> event.getFormattedMessage().contains(fragment)).count();
        }
    }

    /** Everything logged so far, in order. */
    public List<ILoggingEvent> events() {
        synchronized (appender) {
            return List.copyOf(appender.list);
        }
    }

    /** Waits until more than {@code before} messages contain {@code fragment}. */
    public void awaitMore(String fragment, long before, Duration timeout) {
        Eventually.await("a log line containing \"" + fragment + "\" from " + logger.getName(), timeout,
                () -> count(fragment) > before);
    }

    @Override
    public void close() {
        logger.detachAppender(appender);
        appender.stop();
    }
}
