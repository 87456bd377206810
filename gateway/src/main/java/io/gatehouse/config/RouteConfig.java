package io.gatehouse.config;

import java.util.List;

/**
 * One route: what it matches and where and how it forwards.
 *
 * @param priority    breaks ties after the built-in precedence (higher first)
 * @param maxBodySize request body limit in bytes (413 over)
 * @param listeners   names of the listeners the route serves; empty means all
 * @param retries     how failed tries are retried; null for no retries
 * @param fallback    the answer when the upstream cannot take the request; null for 503
 */
public record RouteConfig(
        String name,
        MatchConfig match,
        String upstream,
        RewriteConfig rewrite,
        TimeoutsConfig timeouts,
        long maxBodySize,
        int priority,
        List<String> listeners,
        List<FilterSpec> filters,
        RetryConfig retries,
        FallbackConfig fallback) {

    public RouteConfig {
        listeners = List.copyOf(listeners);
        filters = List.copyOf(filters);
    }
}
