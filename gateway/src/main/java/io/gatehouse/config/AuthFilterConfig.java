package io.gatehouse.config;

import java.util.List;

/**
 * An {@code auth} filter: its methods in the order they are asked.
 *
 * @param allOf     every method must authenticate ({@code all-of}) rather than the first that does ({@code any-of})
 * @param anonymous the configured consumer a request with no credential becomes in any-of mode; null to refuse it
 */
public record AuthFilterConfig(boolean allOf, List<AuthMethodConfig> methods, String anonymous) {

    public AuthFilterConfig {
        methods = List.copyOf(methods);
    }
}
