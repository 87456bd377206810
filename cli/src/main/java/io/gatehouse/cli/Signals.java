package io.gatehouse.cli;

import io.gatehouse.bootstrap.Gateway;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sun.misc.Signal;

/**
 * Signal handling for a served gateway. The JVM's own TERM handling runs shutdown hooks but then exits with 143;
 * handling TERM and INT here lets the gateway drain and the process exit 0. HUP reloads the config.
 */
final class Signals {

    private static final Logger LOG = LoggerFactory.getLogger(Signals.class);

    private Signals() {
    }

    /** Blocks until TERM or INT, drains and closes the gateway, then runs {@code afterStop}. */
    static void serveUntilStopped(Gateway gateway, Runnable afterStop) {
        CountDownLatch stop = new CountDownLatch(1);
        Signal.handle(new Signal("TERM"), signal -> stop.countDown());
        Signal.handle(new Signal("INT"), signal -> stop.countDown());
        Signal.handle(new Signal("HUP"), signal -> gateway.reload("SIGHUP"));
        // Said only now: a signal sent before the handlers are in place would get the JVM's default handling.
        LOG.info("serving: SIGTERM or SIGINT drains and stops, SIGHUP reloads the config");
        try {
            stop.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        LOG.info("stopping: draining in-flight requests");
        gateway.close();
        afterStop.run();
    }
}
