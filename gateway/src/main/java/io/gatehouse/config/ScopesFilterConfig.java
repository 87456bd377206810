package io.gatehouse.config;

import java.util.List;
import java.util.Map;

/**
 * A {@code scopes} filter: the scopes a request's identity must hold.
 *
 * @param all     every listed scope is needed ({@code all}), rather than any one of them ({@code any})
 * @param scopes  needed by every request
 * @param methods needed besides by requests of a method (upper case, e.g. {@code POST})
 */
public record ScopesFilterConfig(boolean all, List<String> scopes, Map<String, List<String>> methods) {

    public ScopesFilterConfig {
        scopes = List.copyOf(scopes);
        methods = Map.copyOf(methods);
    }
}
