package io.gatehouse.model;

import io.gatehouse.config.UpstreamTlsConfig;
import io.gatehouse.internal.NanoClock;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Unloads one version that already takes no new requests: waits until its in-flight and queued requests are
 * done (or the drain timeout passes), then asks every endpoint to unload exactly that version.
 */
final class VersionUnloader {

    private static final Logger LOG = LoggerFactory.getLogger(VersionUnloader.class);

    private final BackendClient backends;
    private final ScheduledExecutorService control;
    private final NanoClock clock;
    private final Duration pollInterval;
    private final Supplier<VersionActivity> activity;

    VersionUnloader(BackendClient backends, ScheduledExecutorService control, NanoClock clock, Duration pollInterval,
                    Supplier<VersionActivity> activity) {
        this.backends = backends;
        this.control = control;
        this.clock = clock;
        this.pollInterval = pollInterval;
        this.activity = activity;
    }

    /**
     * Completes with null when every endpoint unloaded the version, else with what the backends said.
     *
     * @param tls the TLS settings the unload calls go out with (null for cleartext), asked once the drain is over:
     *            a reload during the drain may change them
     */
    CompletableFuture<String> unload(ModelView model, String version, List<InetSocketAddress> endpoints,
                                     Supplier<UpstreamTlsConfig> tls, Duration drainTimeout, Duration callTimeout) {
        CompletableFuture<Void> drained = new CompletableFuture<>();
        waitDrained(model.name(), version, clock.nanoTime() + drainTimeout.toNanos(), drainTimeout, drained);
        return drained.thenComposeAsync(done -> {
            UpstreamTlsConfig how = tls.get();
            return VersionLoader.allOf(endpoints.stream()
                    .map(endpoint -> backends.unload(model, version, endpoint, how, callTimeout)).toList());
        }, control)
                .thenApplyAsync(VersionLoader::failures, control);
    }

    private void waitDrained(String model, String version, long deadline, Duration drainTimeout,
                             CompletableFuture<Void> drained) {
        VersionActivity now = activity.get();
        long inFlight = now.inFlight(model, version);
        long queued = now.queued(model, version);
        if (inFlight == 0 && queued == 0) {
            drained.complete(null);
        } else if (clock.nanoTime() - deadline >= 0) {
            LOG.warn("model {} version {}: {} request(s) in flight and {} queued after the drain timeout of {} ms;"
                    + " unloading anyway", model, version, inFlight, queued, drainTimeout.toMillis());
            drained.complete(null);
        } else {
            control.schedule(() -> waitDrained(model, version, deadline, drainTimeout, drained),
                    pollInterval.toNanos(), TimeUnit.NANOSECONDS);
        }
    }
}
