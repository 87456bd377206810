package io.gatehouse.routing;

import java.util.Comparator;

/**
 * A route with one of its host conditions: the unit the router orders and tries. A route with both exact and
 * wildcard hosts is two candidates, each ranked by its own host kind.
 */
record Candidate(CompiledRoute route, HostCondition host) {

    /**
     * The global precedence: path kind (exact, template, prefix, regex); for templates the more specific shape
     * first, for prefixes the longer first; then host kind (exact, wildcard, any); then higher priority; then
     * config order.
     */
    static final Comparator<Candidate> PRECEDENCE = Comparator
            .comparing((Candidate c) -> c.route().kind())
            .thenComparing(Candidate::compareShape)
            .thenComparingInt(c -> c.host().rank())
            .thenComparingInt(c -> -c.route().priority())
            .thenComparingInt(c -> c.route().index());

    /** Only called for two candidates of the same path kind. */
    private static int compareShape(Candidate a, Candidate b) {
        CompiledRoute x = a.route();
        CompiledRoute y = b.route();
        return switch (x.kind()) {
            case TEMPLATE -> x.template().compareSpecificity(y.template());
            case PREFIX -> Integer.compare(y.prefix().length(), x.prefix().length());
            default -> 0;
        };
    }
}
