package io.gatehouse.ratelimit.redis;

import io.gatehouse.internal.NanoClock;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.DefaultClientResources;
import io.lettuce.core.resource.Delay;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Redis connections of the rate limiters, one per URL however many limiters name it, so that they live
 * across reloads with the limiters that use them: a connection opens with the first limiter using its URL and
 * closes with the last. One set of Lettuce threads serves every connection. Limiters are made and closed off the
 * event loops (at start and on reloads); {@link #close()} is for the gateway's stop.
 */
public final class RedisConnections implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(RedisConnections.class);
    private static final int LETTUCE_THREADS = 2;
    private static final Duration SHUTDOWN_TIMEOUT = Duration.ofSeconds(2);
    /** Lettuce reconnects after a lost connection at growing intervals up to this. */
    private static final Duration MAX_RECONNECT_DELAY = Duration.ofSeconds(2);

    private final RedisCircuit.Settings circuitSettings;
    private final NanoClock clock;
    private final ConcurrentHashMap<String, RedisLink> links = new ConcurrentHashMap<>();
    /** Connections of released links still closing: Lettuce's threads must outlive them. */
    private final Set<CompletableFuture<Void>> closing = ConcurrentHashMap.newKeySet();
    private final Object resourcesLock = new Object();
    private ClientResources resources;
    private boolean closed;

    public RedisConnections() {
        this(RedisCircuit.Settings.DEFAULT, NanoClock.SYSTEM);
    }

    /** With the circuit's timings and clock of a test. */
    RedisConnections(RedisCircuit.Settings circuitSettings, NanoClock clock) {
        this.circuitSettings = circuitSettings;
        this.clock = clock;
    }

    /**
     * The state of the connection to {@code url}, as a limiter names it; empty when no limiter uses it. URLs may
     * hold a password: show {@link RedisRateLimiter#redisName()} rather than the URL.
     */
    public Optional<RedisState> state(String url) {
        return Optional.ofNullable(links.get(url)).map(RedisLink::state);
    }

    /** The link to {@code url}, counting one more user; give it back with {@link #release}. */
    RedisLink acquire(String url) {
        return links.compute(url, (key, link) -> {
            RedisLink used = link != null ? link : new RedisLink(url, resources(), circuitSettings, clock);
            used.retain();
            return used;
        });
    }

    /** One user less of {@code link}; the last closes it. */
    void release(RedisLink link) {
        links.computeIfPresent(link.url(), (key, current) -> {
            if (current != link || !link.release()) {
                return current;
            }
            CompletableFuture<Void> shutdown = link.close();
            closing.add(shutdown);
            shutdown.whenComplete((ignored, error) -> closing.remove(shutdown));
            return null;
        });
    }

    /** Closes every connection and stops Lettuce's threads, waiting a few seconds at most (blocks). */
    @Override
    public void close() {
        ClientResources started;
        synchronized (resourcesLock) {
            closed = true;
            started = resources;
        }
        links.values().forEach(link -> closing.add(link.close()));
        links.clear();
        try {
            // Lettuce's threads finish closing the connections before they stop
            CompletableFuture.allOf(closing.toArray(CompletableFuture[]::new))
                    .get(SHUTDOWN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            LOG.warn("Redis connections did not close cleanly within {}", SHUTDOWN_TIMEOUT, e);
        }
        if (started != null) {
            started.shutdown(0, SHUTDOWN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).awaitUninterruptibly();
        }
    }

    /** Lettuce's threads, started with the first connection. */
    private ClientResources resources() {
        synchronized (resourcesLock) {
            if (closed) {
                throw new IllegalStateException("expected open Redis connections, but they were closed");
            }
            if (resources == null) {
                resources = DefaultClientResources.builder()
                        .ioThreadPoolSize(LETTUCE_THREADS)
                        .computationThreadPoolSize(LETTUCE_THREADS)
                        .reconnectDelay(Delay.exponential(Duration.ofMillis(10), MAX_RECONNECT_DELAY, 2,
                                TimeUnit.MILLISECONDS))
                        .build();
            }
            return resources;
        }
    }
}
