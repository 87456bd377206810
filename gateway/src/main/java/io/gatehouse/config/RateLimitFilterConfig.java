package io.gatehouse.config;

import java.util.List;

/**
 * The settings of a route's {@code rate-limit} filter: a request goes on only if every limiter lets it.
 *
 * @param limiters      names of limiters under the top-level {@code limiters}, as written
 * @param inline        limiters written in the filter itself (at most one); their name is null here, as they are
 *                      named after their route and position when the config is applied
 * @param legacyHeaders also answer with {@code X-RateLimit-Limit}, {@code X-RateLimit-Remaining} and
 *                      {@code X-RateLimit-Reset}
 */
public record RateLimitFilterConfig(List<String> limiters, List<LimiterConfig> inline, boolean legacyHeaders) {

    public RateLimitFilterConfig {
        limiters = List.copyOf(limiters);
        inline = List.copyOf(inline);
    }
}
