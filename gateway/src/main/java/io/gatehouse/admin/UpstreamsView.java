package io.gatehouse.admin;

import io.gatehouse.upstream.Endpoint;
import io.gatehouse.upstream.Refusal;
import io.gatehouse.upstream.Upstream;
import io.gatehouse.upstream.UpstreamLimits;
import io.gatehouse.upstream.health.EndpointHealth;
import io.gatehouse.upstream.resilience.CircuitBreaker;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** The upstreams as the admin API shows them: endpoints with health and load, breaker, limits and counters. */
final class UpstreamsView {

    private UpstreamsView() {
    }

    static List<Map<String, Object>> of(List<Upstream> upstreams) {
        List<Map<String, Object>> view = new ArrayList<>();
        for (Upstream upstream : upstreams) {
            long now = upstream.clock().nanoTime();
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("name", upstream.name());
            entry.put("balancer", upstream.config().balancer());
            entry.put("panic", upstream.panic());
            entry.put("breaker", breaker(upstream.breaker()));
            entry.put("limits", limits(upstream.limits()));
            Map<String, Object> counters = new LinkedHashMap<>();
            counters.put("retries", upstream.retries());
            counters.put("retry_budget_exhausted", upstream.budgetExhaustions());
            counters.put("ejections", upstream.ejections());
            counters.put("fallbacks", upstream.fallbacks());
            for (Refusal refusal : Refusal.values()) {
                counters.put("refused_" + refusal.name().toLowerCase(Locale.ROOT), upstream.refusals(refusal));
            }
            entry.put("counters", counters);
            List<Map<String, Object>> endpoints = new ArrayList<>();
            for (Endpoint endpoint : upstream.endpoints()) {
                endpoints.add(endpoint(upstream, endpoint, now));
            }
            entry.put("endpoints", endpoints);
            view.add(entry);
        }
        return view;
    }

    private static Map<String, Object> endpoint(Upstream upstream, Endpoint endpoint, long now) {
        Map<String, Object> view = new LinkedHashMap<>();
        EndpointHealth.Status status = upstream.status(endpoint);
        view.put("address", endpoint.authority());
        view.put("weight", endpoint.weight());
        view.put("health", status.name().toLowerCase(Locale.ROOT));
        if (status == EndpointHealth.Status.EJECTED) {
            // Routing takes an endpoint back a moment after its ejection ends: until then, nothing is left.
            view.put("ejected_for_ms", Math.max(0,
                    TimeUnit.NANOSECONDS.toMillis(endpoint.health().ejectedUntilNanos() - now)));
        }
        view.put("ejections", endpoint.health().ejections());
        view.put("active_requests", endpoint.active());
        view.put("latency_ms", endpoint.latency().seeded() ? endpoint.latency().nanos() / 1e6 : null);
        return view;
    }

    private static Map<String, Object> breaker(CircuitBreaker breaker) {
        if (breaker == null) {
            return null;
        }
        CircuitBreaker.WindowCounts window = breaker.window();
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("state", breaker.state().name().toLowerCase(Locale.ROOT));
        view.put("requests", window.requests());
        view.put("failures", window.failures());
        view.put("slow", window.slow());
        view.put("times_opened", breaker.timesOpened());
        if (breaker.state() == CircuitBreaker.State.OPEN) {
            view.put("open_for_ms", TimeUnit.NANOSECONDS.toMillis(breaker.remainingOpenNanos()));
        }
        return view;
    }

    private static Map<String, Object> limits(UpstreamLimits limits) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("active", limits.active());
        view.put("max_active", limits.config().maxActive());
        view.put("pending", limits.pending());
        view.put("max_pending", limits.config().maxPending());
        view.put("connections", limits.connections());
        view.put("max_connections", limits.config().maxConnections());
        return view;
    }
}
