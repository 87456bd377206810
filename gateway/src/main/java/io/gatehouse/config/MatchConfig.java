package io.gatehouse.config;

import java.util.List;
import java.util.Map;

/**
 * What a route matches. Exactly one of {@code path} (exact, or a template with {@code {var}} segments), {@code prefix}
 * or {@code regex} is set; the others are null.
 *
 * @param hosts   exact host names or {@code *.example.com} wildcards; empty matches any host
 * @param methods upper-case method names; empty matches any method
 * @param headers header name (lower case) to condition
 * @param query   query parameter name to condition
 */
public record MatchConfig(
        List<String> hosts,
        String path,
        String prefix,
        String regex,
        List<String> methods,
        Map<String, ValueMatch> headers,
        Map<String, ValueMatch> query) {

    public MatchConfig {
        hosts = List.copyOf(hosts);
        methods = List.copyOf(methods);
        headers = Map.copyOf(headers);
        query = Map.copyOf(query);
    }
}
