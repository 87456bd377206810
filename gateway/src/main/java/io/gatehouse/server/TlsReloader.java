package io.gatehouse.server;

import io.gatehouse.config.ListenerConfig;
import io.gatehouse.config.ListenerTlsConfig;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks, on its own thread, whether the TLS listeners' certificate files or their {@code tls} settings in the
 * current config have changed, and rebuilds their tables off the event loops.
 *
 * <p>It polls rather than using a file-system watch: certificates often live in several directories, mounted
 * secrets are replaced by swapping a symlink (no event names the file), and network file systems send no events
 * at all. Comparing the content of a handful of small files once a second costs next to nothing, and the same
 * check picks up a config reload that changed {@code tls} without the reload having to know about listeners.
 */
final class TlsReloader implements AutoCloseable {

    static final Duration INTERVAL = Duration.ofSeconds(1);
    private static final Logger LOG = LoggerFactory.getLogger(TlsReloader.class);

    private final List<ListenerTls> listeners;
    private final Supplier<List<ListenerConfig>> configs;
    private final ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread t = new Thread(runnable, "gatehouse-tls-reload");
        t.setDaemon(true);
        return t;
    });

    /** @param configs the listeners of the config currently applied */
    TlsReloader(List<ListenerTls> listeners, Supplier<List<ListenerConfig>> configs, Duration interval) {
        this.listeners = List.copyOf(listeners);
        this.configs = configs;
        long millis = interval.toMillis();
        thread.scheduleWithFixedDelay(this::checkNow, millis, millis, TimeUnit.MILLISECONDS);
    }

    /** One check of every TLS listener. */
    void checkNow() {
        try {
            List<ListenerConfig> current = configs.get();
            for (ListenerTls tls : listeners) {
                ListenerTlsConfig config = current.stream().filter(c -> tls.listener().equals(c.name()))
                        .map(ListenerConfig::tls).findFirst().orElse(null);
                // Adding or removing TLS, or the listener itself, takes a restart; the old table keeps serving.
                if (config != null) {
                    tls.refresh(config);
                }
            }
        } catch (RuntimeException e) {
            LOG.error("checking TLS certificates for changes failed", e);
        }
    }

    @Override
    public void close() {
        thread.shutdownNow();
    }
}
