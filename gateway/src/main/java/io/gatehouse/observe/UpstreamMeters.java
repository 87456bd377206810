package io.gatehouse.observe;

import io.gatehouse.upstream.Endpoint;
import io.gatehouse.upstream.Refusal;
import io.gatehouse.upstream.Upstream;
import io.gatehouse.upstream.health.EndpointHealth;
import io.gatehouse.upstream.resilience.CircuitBreaker;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;

/**
 * The resilience meters of one upstream: breaker state, ejections, retries, refusals and fallbacks, read from the
 * upstream's own lock-free counters at scrape time, so the data path records nothing twice.
 */
final class UpstreamMeters {

    private final MeterRegistry registry;
    private final List<Meter> meters = new ArrayList<>();

    UpstreamMeters(MeterRegistry registry, Upstream upstream) {
        this.registry = registry;
        String name = upstream.name();
        gauge("gatehouse.upstream.breaker.state", "Circuit breaker state: 0 closed (or none), 1 open, 2 half open",
                upstream, UpstreamMeters::breakerState);
        counter("gatehouse.upstream.breaker.opened", "Times the circuit breaker opened", upstream,
                u -> u.breaker() == null ? 0 : u.breaker().timesOpened());
        counter("gatehouse.upstream.retries", "Tries after the first", upstream, Upstream::retries);
        counter("gatehouse.upstream.retry.budget.exhausted", "Retries the retry budget refused", upstream,
                Upstream::budgetExhaustions);
        counter("gatehouse.upstream.ejections", "Endpoints ejected by outlier detection", upstream,
                Upstream::ejections);
        counter("gatehouse.upstream.fallbacks", "Requests answered by a route's fallback", upstream,
                Upstream::fallbacks);
        for (Refusal refusal : Refusal.values()) {
            meters.add(FunctionCounter.builder("gatehouse.upstream.refusals", upstream, u -> u.refusals(refusal))
                    .description("Requests the upstream could not take, by reason")
                    .tags("upstream", name, "reason", refusal.name().toLowerCase(Locale.ROOT))
                    .register(registry));
        }
        gauge("gatehouse.upstream.requests.active", "Requests in flight to the upstream", upstream,
                u -> u.limits().active());
        for (EndpointHealth.Status status : EndpointHealth.Status.values()) {
            meters.add(Gauge.builder("gatehouse.upstream.endpoints", upstream, u -> count(u, status))
                    .description("Endpoints by health")
                    .tags("upstream", name, "health", status.name().toLowerCase(Locale.ROOT))
                    .strongReference(true)
                    .register(registry));
        }
    }

    void remove() {
        meters.forEach(registry::remove);
    }

    private static double breakerState(Upstream upstream) {
        CircuitBreaker breaker = upstream.breaker();
        return breaker == null ? 0 : switch (breaker.state()) {
            case CLOSED -> 0;
            case OPEN -> 1;
            case HALF_OPEN -> 2;
        };
    }

    private static double count(Upstream upstream, EndpointHealth.Status status) {
        int n = 0;
        for (Endpoint endpoint : upstream.endpoints()) {
            n += upstream.status(endpoint) == status ? 1 : 0;
        }
        return n;
    }

    private void gauge(String name, String description, Upstream upstream, ToDoubleFunction<Upstream> value) {
        meters.add(Gauge.builder(name, upstream, value).description(description).tags("upstream", upstream.name())
                .strongReference(true).register(registry));
    }

    private void counter(String name, String description, Upstream upstream, ToDoubleFunction<Upstream> value) {
        meters.add(FunctionCounter.builder(name, upstream, value).description(description)
                .tags("upstream", upstream.name()).register(registry));
    }
}
