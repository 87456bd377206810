package io.gatehouse.upstream;

import io.gatehouse.config.HealthCheckConfig;
import io.gatehouse.transport.EventLoops;
import io.gatehouse.upstream.health.HealthChecker;
import io.netty.channel.EventLoop;
import io.netty.channel.socket.SocketChannel;
import java.util.HashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The active health checkers of one upstream's endpoints, one per endpoint authority. A checker lives as long as
 * its endpoint and its check settings, so reloads and discovery updates never restart or double it. Used under
 * the registry's lock.
 */
final class EndpointCheckers {

    private static final Logger LOG = LoggerFactory.getLogger(EndpointCheckers.class);

    private final Map<String, HealthChecker> checkers = new HashMap<>();

    /**
     * Checks exactly {@code endpoints} by {@code check} (null for none): stops the checkers of endpoints that are
     * gone or whose settings changed, starts the missing ones; {@code onChange} runs after each verdict change.
     */
    void update(String upstream, Map<String, Endpoint> endpoints, HealthCheckConfig check, EventLoops loops,
                Runnable onChange) {
        checkers.entrySet().removeIf(entry -> {
            boolean stale = check == null || !check.equals(entry.getValue().config())
                    || !endpoints.containsKey(entry.getKey());
            if (stale) {
                entry.getValue().close();
            }
            return stale;
        });
        if (check == null) {
            endpoints.values().forEach(e -> {
                if (e.health().checkFailing(false)) {
                    LOG.info("upstream {}: health checks removed, {} counts as healthy", upstream, e);
                }
            });
            return;
        }
        @SuppressWarnings("unchecked")
        Class<? extends SocketChannel> channelType = (Class<? extends SocketChannel>) loops.transport().socketChannel();
        for (Endpoint endpoint : endpoints.values()) {
            checkers.computeIfAbsent(endpoint.authority(), authority -> {
                HealthChecker checker = new HealthChecker(endpoint, check, (EventLoop) loops.group().next(),
                        channelType, onChange);
                checker.start();
                return checker;
            });
        }
    }
}
