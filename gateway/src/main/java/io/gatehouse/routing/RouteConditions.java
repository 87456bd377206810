package io.gatehouse.routing;

import io.gatehouse.config.MatchConfig;
import io.gatehouse.config.ValueMatch;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.util.AsciiString;
import java.util.List;
import java.util.Map;

/** The non-path, non-host conditions of a route: listeners, methods, headers and query parameters. */
final class RouteConditions {

    private final String[] listeners;
    private final String[] methods;
    // AsciiString caches its hash, which Netty's header lookup uses.
    private final AsciiString[] headerNames;
    private final ValueMatch[] headerMatches;
    private final String[] queryNames;
    private final ValueMatch[] queryMatches;

    RouteConditions(List<String> listeners, MatchConfig match) {
        this.listeners = listeners.toArray(String[]::new);
        this.methods = match.methods().toArray(String[]::new);
        this.headerNames = new AsciiString[match.headers().size()];
        this.headerMatches = new ValueMatch[headerNames.length];
        this.queryNames = new String[match.query().size()];
        this.queryMatches = new ValueMatch[queryNames.length];
        int h = 0;
        for (Map.Entry<String, ValueMatch> header : match.headers().entrySet()) {
            headerNames[h] = AsciiString.of(header.getKey());
            headerMatches[h++] = header.getValue();
        }
        int q = 0;
        for (Map.Entry<String, ValueMatch> param : match.query().entrySet()) {
            queryNames[q] = param.getKey();
            queryMatches[q++] = param.getValue();
        }
    }

    boolean servesListener(String listener) {
        return listeners.length == 0 || contains(listeners, listener);
    }

    boolean allowsMethod(String method) {
        return methods.length == 0 || contains(methods, method);
    }

    String[] methods() {
        return methods;
    }

    /** Every header and query condition holds; a header condition sees the first value of its header. */
    boolean matchesHeadersAndQuery(HttpHeaders headers, QueryParams query) {
        for (int i = 0; i < headerNames.length; i++) {
            if (!headerMatches[i].matches(headers.get(headerNames[i]))) {
                return false;
            }
        }
        for (int i = 0; i < queryNames.length; i++) {
            if (!queryMatches[i].matches(query.first(queryNames[i]))) {
                return false;
            }
        }
        return true;
    }

    private static boolean contains(String[] values, String value) {
        for (String candidate : values) {
            if (candidate.equals(value)) {
                return true;
            }
        }
        return false;
    }
}
