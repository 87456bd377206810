package io.gatehouse.auth.jwt;

import io.gatehouse.auth.AuthHttp;
import java.lang.ref.WeakReference;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The node's key sets, one per URL and settings, so that a reload keeps the keys it has and routes naming the
 * same URL share one fetch. A set lives as long as an authenticator holds it: its refresh timer holds it only
 * weakly and stops once it was collected, so a set no config names anymore stops being fetched.
 */
public final class JwksSources {

    /** What makes two routes' key sets the same. */
    record Identity(URI url, Duration refresh, Duration minRefetch, Duration timeout) {
    }

    private final Map<Identity, WeakReference<JwksSource>> sources = new ConcurrentHashMap<>();
    private final AuthHttp http;
    private final ScheduledExecutorService scheduler;
    private final Clock clock;

    public JwksSources(AuthHttp http, ScheduledExecutorService scheduler, Clock clock) {
        this.http = http;
        this.scheduler = scheduler;
        this.clock = clock;
    }

    /** The set for these settings; a new one starts fetching at once and then every {@code refresh}. */
    JwksSource obtain(URI url, Duration refresh, Duration minRefetch, Duration timeout) {
        sources.values().removeIf(reference -> reference.get() == null);
        JwksSource[] result = new JwksSource[1];
        sources.compute(new Identity(url, refresh, minRefetch, timeout), (identity, existing) -> {
            JwksSource source = existing == null ? null : existing.get();
            if (source == null) {
                source = new JwksSource(url, timeout, minRefetch, http, clock);
                source.fetch();
                schedule(source, refresh);
                result[0] = source;
                return new WeakReference<>(source);
            }
            result[0] = source;
            return existing;
        });
        return result[0];
    }

    private void schedule(JwksSource source, Duration refresh) {
        WeakReference<JwksSource> weak = new WeakReference<>(source);
        AtomicReference<ScheduledFuture<?>> timer = new AtomicReference<>();
        timer.set(scheduler.scheduleWithFixedDelay(() -> {
            JwksSource live = weak.get();
            ScheduledFuture<?> self = timer.get();
            if (live == null && self != null) {
                self.cancel(false);
            } else if (live != null) {
                live.fetch();
            }
        }, refresh.toNanos(), refresh.toNanos(), TimeUnit.NANOSECONDS));
    }
}
