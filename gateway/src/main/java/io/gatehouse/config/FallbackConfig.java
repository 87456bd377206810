package io.gatehouse.config;

import java.util.Map;

/**
 * What a route answers when its upstream cannot take the request (breaker open, a limit hit, no available
 * endpoint): either a static response or another upstream.
 *
 * @param upstream the upstream to send the request to instead; null for a static response
 */
public record FallbackConfig(int status, Map<String, String> headers, String body, String upstream) {

    public FallbackConfig {
        headers = headers == null ? Map.of() : java.util.Collections.unmodifiableMap(
                new java.util.LinkedHashMap<>(headers));
    }
}
