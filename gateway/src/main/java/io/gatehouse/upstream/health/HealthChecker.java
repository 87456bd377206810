package io.gatehouse.upstream.health;

import io.gatehouse.config.HealthCheckConfig;
import io.gatehouse.upstream.Endpoint;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.socket.SocketChannel;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Actively checks one endpoint, over HTTP ({@code GET path}, healthy when the status is expected) or by TCP connect,
 * every interval plus jitter, on an event loop without blocking it. After {@code unhealthy} consecutive failures a
 * healthy endpoint becomes unhealthy, after {@code healthy} consecutive successes an unhealthy one healthy; each
 * change is written to the endpoint's {@link EndpointHealth} and {@code onChange} is run.
 *
 * <p>The next check is scheduled when the previous one has ended, so checks never overlap. Everything but
 * {@link #start()} and {@link #close()} runs on the checker's event loop.
 */
public final class HealthChecker implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(HealthChecker.class);

    private final Endpoint endpoint;
    private final HealthCheckConfig config;
    private final EventLoop loop;
    private final Bootstrap bootstrap;
    private final Runnable onChange;
    private final HealthThresholds thresholds;
    private volatile boolean closed;
    private ScheduledFuture<?> next;
    private HealthProbe inFlight;

    public HealthChecker(Endpoint endpoint, HealthCheckConfig config, EventLoop loop,
                         Class<? extends SocketChannel> channelType, Runnable onChange) {
        this.endpoint = endpoint;
        this.config = config;
        this.loop = loop;
        this.onChange = onChange;
        this.bootstrap = new Bootstrap().group(loop).channel(channelType)
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) Math.max(1, config.timeout().toMillis()));
        // A checker replacing one with another config carries on from the endpoint's current verdict.
        this.thresholds = new HealthThresholds(!endpoint.health().checkFailing(), config.healthy(),
                config.unhealthy());
    }

    public HealthCheckConfig config() {
        return config;
    }

    /** Runs the first check after a random part of the jitter, so checkers started together do not align. */
    public void start() {
        loop.execute(() -> scheduleCheck(jitterNanos()));
    }

    /** Stops every future check and abandons the one in flight, if any; its result is not counted. */
    @Override
    public void close() {
        closed = true;
        // A loop that is shutting down cancels its own timers and closes its channels.
        if (!loop.isShuttingDown()) {
            loop.execute(this::stop);
        }
    }

    private void stop() {
        if (next != null) {
            next.cancel(false);
        }
        if (inFlight != null) {
            inFlight.cancel();
            inFlight = null;
        }
    }

    private void scheduleCheck(long delayNanos) {
        if (!closed) {
            next = loop.schedule(this::check, delayNanos, TimeUnit.NANOSECONDS);
        }
    }

    private void check() {
        if (!closed) {
            inFlight = HealthProbe.start(bootstrap, endpoint, config, this::checked);
        }
    }

    private void checked(HealthProbe.Result result) {
        inFlight = null;
        if (closed) {
            return;
        }
        if (!result.healthy()) {
            LOG.debug("health check of {} failed: {}", endpoint, result.detail());
        }
        if (thresholds.record(result.healthy())) {
            changed(result);
        }
        scheduleCheck(config.interval().toNanos() + jitterNanos());
    }

    private void changed(HealthProbe.Result result) {
        boolean healthy = thresholds.healthy();
        endpoint.health().checkFailing(!healthy);
        if (healthy) {
            LOG.info("endpoint {} is healthy again after {} successful checks in a row ({})", endpoint,
                    config.healthy(), result.detail());
        } else {
            LOG.warn("endpoint {} is unhealthy after {} failed checks in a row, the last: {}", endpoint,
                    config.unhealthy(), result.detail());
        }
        onChange.run();
    }

    private long jitterNanos() {
        return ThreadLocalRandom.current().nextLong(config.jitter().toNanos() + 1);
    }
}
