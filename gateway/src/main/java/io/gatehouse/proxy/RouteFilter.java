package io.gatehouse.proxy;

import io.gatehouse.filter.Filter;
import io.gatehouse.filter.Phase;
import java.time.Duration;
import java.util.Comparator;

/**
 * One filter as its route runs it: the instance, its name and its place in the chain.
 *
 * @param phase    the factory's phase, or the one the config gave this instance
 * @param order    the factory's order within a phase
 * @param position the filter's index in the route's {@code filters} list, as written
 * @param timeout  the longest its pending request decision may take, as the config gave it; null for the route's
 *                 {@code timeouts.filter}
 */
public record RouteFilter(String name, Phase phase, int order, int position, Duration timeout, Filter filter) {

    /** By phase, then order, then position: total, since no two filters of a route share a position. */
    public static final Comparator<RouteFilter> RUN_ORDER = Comparator.comparing(RouteFilter::phase)
            .thenComparingInt(RouteFilter::order).thenComparingInt(RouteFilter::position);
}
