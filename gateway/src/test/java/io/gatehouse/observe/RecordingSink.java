package io.gatehouse.observe;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;

/** A logger that records each message; it can hold the first write until released, to fill a queue on purpose. */
final class RecordingSink extends AppenderBase<ILoggingEvent> {

    final List<String> lines = new CopyOnWriteArrayList<>();
    final CountDownLatch firstWriteStarted = new CountDownLatch(1);
    private final CountDownLatch release;

    private RecordingSink(CountDownLatch release) {
        this.release = release;
    }

    static RecordingSink recording() {
        return new RecordingSink(new CountDownLatch(0));
    }

    static RecordingSink heldUntil(CountDownLatch release) {
        return new RecordingSink(release);
    }

    Logger logger() {
        LoggerContext context = new LoggerContext();
        setContext(context);
        start();
        ch.qos.logback.classic.Logger logger = context.getLogger("access");
        logger.addAppender(this);
        return logger;
    }

    @Override
    protected void append(ILoggingEvent event) {
        firstWriteStarted.countDown();
        try {
            release.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        lines.add(event.getFormattedMessage());
    }
}
