package io.gatehouse.observe;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReferenceArray;
import org.slf4j.LoggerFactory;

/**
 * The request meters of one route, resolved when the config loads so that recording a request costs no registry
 * lookup, no map lookup and no allocation.
 */
public final class RouteMeters {

    private static final String[] STATUS_CLASSES = {"1xx", "2xx", "3xx", "4xx", "5xx"};
    // Few buckets on purpose: each one is a time series per route.
    private static final Duration[] DURATION_BUCKETS = {
        Duration.ofMillis(1), Duration.ofMillis(5), Duration.ofMillis(25), Duration.ofMillis(100),
        Duration.ofMillis(500), Duration.ofMillis(2500), Duration.ofSeconds(10)
    };

    /** The label values a method may take; anything else is OTHER so clients cannot mint new time series. */
    private enum Method {
        GET, HEAD, POST, PUT, DELETE, PATCH, OPTIONS, CONNECT, TRACE, OTHER;

        /** Method names are case-sensitive (RFC 9110), so {@code get} is OTHER. */
        static Method of(String name) {
            return switch (name) {
                case "GET" -> GET;
                case "HEAD" -> HEAD;
                case "POST" -> POST;
                case "PUT" -> PUT;
                case "DELETE" -> DELETE;
                case "PATCH" -> PATCH;
                case "OPTIONS" -> OPTIONS;
                case "CONNECT" -> CONNECT;
                case "TRACE" -> TRACE;
                default -> OTHER;
            };
        }
    }

    private final MeterRegistry registry;
    private final String route;
    private final Timer requestDuration;
    private final Timer upstreamDuration;
    /** Indexed by method ordinal * 5 + status class; filled on first use so unseen combinations export nothing. */
    private final AtomicReferenceArray<Counter> requests =
            new AtomicReferenceArray<>(Method.values().length * STATUS_CLASSES.length);
    /** By filter name; registered on a filter's first timeout. */
    private final Map<String, Counter> filterTimeouts = new ConcurrentHashMap<>();
    /** While a filter's backend is down every request times out: one warning now and then, every one counted. */
    private final OccasionalWarning filterTimeoutWarnings =
            new OccasionalWarning(LoggerFactory.getLogger("io.gatehouse.proxy.FilterChain"));

    RouteMeters(MeterRegistry registry, String route) {
        this.registry = registry;
        this.route = route;
        this.requestDuration = durationTimer("gatehouse.request.duration",
                "Time from the first request byte to the last response byte");
        this.upstreamDuration = durationTimer("gatehouse.upstream.duration",
                "Time spent waiting on the upstream");
    }

    /** Unregisters every meter of this route; recording into it afterwards is harmless and goes nowhere. */
    void remove() {
        registry.remove(requestDuration);
        registry.remove(upstreamDuration);
        for (int i = 0; i < requests.length(); i++) {
            Counter counter = requests.get(i);
            if (counter != null) {
                registry.remove(counter);
            }
        }
        filterTimeouts.values().forEach(registry::remove);
    }

    /** Normalises a request method to one of a fixed set of label values. */
    public static String normaliseMethod(String method) {
        return Method.of(method).name();
    }

    /**
     * Counts one finished exchange and records its durations.
     *
     * @param upstreamNanos time spent on the upstream, or negative when no upstream was involved
     */
    public void record(String method, int status, long totalNanos, long upstreamNanos) {
        requestCounter(Method.of(method), statusClass(status)).increment();
        requestDuration.record(totalNanos, TimeUnit.NANOSECONDS);
        if (upstreamNanos >= 0) {
            upstreamDuration.record(upstreamNanos, TimeUnit.NANOSECONDS);
        }
    }

    /**
     * Counts a pending decision of the route's filter {@code filter} that did not come within its timeout, and
     * warns of it unless a warning of this route's went out less than {@link OccasionalWarning#INTERVAL} ago.
     */
    public void filterTimedOut(String filter, long timeoutMillis, String requestId) {
        filterTimeouts.computeIfAbsent(filter, name -> Counter.builder("gatehouse.filter.timeouts")
                .description("Pending filter decisions that did not come in time (answered 504)")
                .tag("route", route)
                .tag("filter", name)
                .register(registry)).increment();
        filterTimeoutWarnings.warn("filter {} on route {} did not decide within {} ms: request {} is answered 504",
                filter, route, timeoutMillis, requestId);
    }

    private Counter requestCounter(Method method, int statusClass) {
        int slot = method.ordinal() * STATUS_CLASSES.length + statusClass;
        Counter counter = requests.get(slot);
        if (counter == null) {
            // Racing first uses both register; the registry hands both the same counter.
            counter = Counter.builder("gatehouse.requests")
                    .description("Finished exchanges by method and status class")
                    .tag("route", route)
                    .tag("method", method.name())
                    .tag("status", STATUS_CLASSES[statusClass])
                    .register(registry);
            requests.set(slot, counter);
        }
        return counter;
    }

    /** The index into {@link #STATUS_CLASSES}; a status outside 100-599 can only come from a broken upstream. */
    private static int statusClass(int status) {
        return status >= 100 && status <= 599 ? status / 100 - 1 : 4;
    }

    private Timer durationTimer(String name, String description) {
        return Timer.builder(name)
                .description(description)
                .tag("route", route)
                .serviceLevelObjectives(DURATION_BUCKETS)
                .register(registry);
    }
}
