package io.gatehouse.routing;

import io.netty.handler.codec.http.HttpHeaders;
import java.util.Collections;
import java.util.Set;
import java.util.TreeSet;

/**
 * What one lookup knows about the request, and the methods of routes that matched in everything but the method
 * (for a 405 when nothing matches).
 */
final class LookupRequest {

    private final String listener;
    private final String host;
    private final int hostEnd;
    private final String method;
    private final QueryParams query;
    private final HttpHeaders headers;
    private Set<String> allowedMethods;

    LookupRequest(String listener, String host, String method, QueryParams query, HttpHeaders headers) {
        this.listener = listener;
        this.host = host;
        this.hostEnd = HostCondition.nameEnd(host);
        this.method = method;
        this.query = query;
        this.headers = headers;
    }

    /** The first candidate, in array order, whose conditions other than the path all hold; null if none. */
    Candidate firstAccepted(Candidate[] candidates) {
        for (Candidate candidate : candidates) {
            if (accepts(candidate)) {
                return candidate;
            }
        }
        return null;
    }

    /** Whether a candidate whose path matched also meets its listener, host, method, header and query conditions. */
    boolean accepts(Candidate candidate) {
        RouteConditions conditions = candidate.route().conditions();
        if (!conditions.servesListener(listener) || !candidate.host().matches(host, hostEnd)) {
            return false;
        }
        boolean methodAllowed = conditions.allowsMethod(method);
        if (!conditions.matchesHeadersAndQuery(headers, query)) {
            return false;
        }
        if (!methodAllowed) {
            rememberAllowed(conditions.methods());
        }
        return methodAllowed;
    }

    private void rememberAllowed(String[] methods) {
        if (allowedMethods == null) {
            allowedMethods = new TreeSet<>();
        }
        Collections.addAll(allowedMethods, methods);
    }

    /** The answer when no candidate was accepted. */
    RouteLookup noMatch() {
        return allowedMethods == null
                ? RouteLookup.NOT_FOUND
                : new RouteLookup.MethodNotAllowed(Collections.unmodifiableSet(allowedMethods));
    }
}
