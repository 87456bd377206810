package io.gatehouse.routing;

import java.util.Set;

/** The outcome of {@link Router#find}. */
public sealed interface RouteLookup permits RouteLookup.Matched, RouteLookup.NotFound, RouteLookup.MethodNotAllowed {

    NotFound NOT_FOUND = new NotFound();

    /**
     * A route matched.
     *
     * @param vars          the variables the route captured ({@link PathVariables#NONE} if none)
     * @param matchedPrefix the route's prefix for a prefix route, "" otherwise
     */
    record Matched(CompiledRoute route, PathVariables vars, String matchedPrefix) implements RouteLookup {
    }

    /** No route matched. */
    record NotFound() implements RouteLookup {
    }

    /**
     * No route matched, but some route would have if the method were one of {@code allowed} (sorted, for the
     * {@code Allow} header).
     */
    record MethodNotAllowed(Set<String> allowed) implements RouteLookup {
    }
}
