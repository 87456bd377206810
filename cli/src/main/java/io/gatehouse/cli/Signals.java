package io.gatehouse.cli;

import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sun.misc.Signal;

/**
 * Signal handling for a served process. The JVM's own TERM handling runs shutdown hooks but then exits with 143;
 * handling TERM and INT here lets the service drain and the process exit 0. HUP reloads where there is a reload.
 */
final class Signals {

    private static final Logger LOG = LoggerFactory.getLogger(Signals.class);

    private Signals() {
    }

    /**
     * Blocks until TERM or INT, then closes {@code service}, which drains it. {@code reload}, when not null, runs
     * on HUP; without one HUP keeps the JVM's default handling.
     */
    static void serveUntilStopped(AutoCloseable service, Runnable reload) throws Exception {
        CountDownLatch stop = new CountDownLatch(1);
        Signal.handle(new Signal("TERM"), signal -> stop.countDown());
        Signal.handle(new Signal("INT"), signal -> stop.countDown());
        if (reload != null) {
            Signal.handle(new Signal("HUP"), signal -> reload.run());
        }
        // Said only now: a signal sent before the handlers are in place would get the JVM's default handling.
        LOG.info("serving: SIGTERM or SIGINT drains and stops{}", reload != null ? ", SIGHUP reloads the config" : "");
        try {
            stop.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        LOG.info("stopping: draining in-flight requests");
        service.close();
    }
}
