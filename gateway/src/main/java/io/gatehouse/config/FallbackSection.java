package io.gatehouse.config;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Reads a route's {@code fallback}: another upstream, or a static response. */
final class FallbackSection {

    static final int DEFAULT_STATUS = 503;
    private static final List<String> STATIC_KEYS = List.of("status", "headers", "body");
    /** Framing the gateway derives from the body; a configured value could contradict it. */
    private static final List<String> FRAMING_HEADERS = List.of("content-length", "transfer-encoding");

    private FallbackSection() {
    }

    /**
     * Null when absent (the route answers 503) or invalid.
     *
     * @param routeUpstream the route's own upstream, which the fallback must not be; null when it was invalid
     * @param upstreams     the names a fallback upstream may be
     */
    static FallbackConfig fallback(ConfigNode node, String routeUpstream, Collection<String> upstreams) {
        if (!node.expectMap("upstream", "status", "headers", "body")) {
            return null;
        }
        ConfigNode upstreamNode = node.get("upstream");
        List<String> staticKeys = STATIC_KEYS.stream().filter(key -> node.get(key).isPresent()).toList();
        if (upstreamNode.isPresent() && !staticKeys.isEmpty()) {
            node.error("upstream excludes " + String.join(", ", staticKeys) + " (a static response)");
            return null;
        }
        if (upstreamNode.isPresent()) {
            String upstream = upstreamNode.requiredString();
            if (upstream != null && !upstreams.contains(upstream)) {
                upstreamNode.errorUnknown("upstream", upstream, upstreams);
            } else if (upstream != null && upstream.equals(routeUpstream)) {
                upstreamNode.error("must differ from the route's upstream \"" + routeUpstream + "\"");
            }
            return upstream == null ? null : new FallbackConfig(0, Map.of(), null, upstream);
        }
        if (staticKeys.isEmpty()) {
            node.error("expected upstream, or any of status, headers and body");
            return null;
        }
        int status = node.get("status").integer(DEFAULT_STATUS, 200, 599);
        ConfigNode bodyNode = node.get("body");
        String body = bodyNode.string("");
        if (!body.isEmpty() && (status == 204 || status == 304)) {
            bodyNode.error("a " + status + " response has no body");
        }
        return new FallbackConfig(status, headers(node.get("headers")), body, null);
    }

    private static Map<String, String> headers(ConfigNode node) {
        Uniqueness names = new Uniqueness("header");
        Map<String, String> headers = new LinkedHashMap<>();
        node.entries().forEach((name, valueNode) -> {
            String lowerCase = name.toLowerCase(Locale.ROOT);
            if (!HttpSyntax.isToken(name)) {
                valueNode.error("\"" + name + "\" is not a valid header name");
                return;
            }
            if (FRAMING_HEADERS.contains(lowerCase)) {
                valueNode.error("set by the gateway from the body");
                return;
            }
            names.check(valueNode, lowerCase, "\"" + name + "\"");
            String value = valueNode.string(null);
            if (value == null && !valueNode.isPresent()) {
                valueNode.error("expected a header value (a string)");
            } else if (value != null && !HttpSyntax.isHeaderValue(value)) {
                valueNode.error("header values may not contain CR, LF or NUL");
            } else if (value != null) {
                headers.put(name, value);
            }
        });
        return headers;
    }
}
