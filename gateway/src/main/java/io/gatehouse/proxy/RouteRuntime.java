package io.gatehouse.proxy;

import io.gatehouse.config.RouteConfig;
import io.gatehouse.observe.RouteMeters;
import io.gatehouse.routing.CompiledRoute;
import io.gatehouse.upstream.Upstream;
import java.util.List;

/**
 * Everything an exchange on one route needs, resolved once per config snapshot.
 *
 * @param fallbackUpstream where requests go when {@code upstream} cannot take them; null for none
 * @param filters          in the order they run ({@link RouteFilter#RUN_ORDER})
 */
public record RouteRuntime(CompiledRoute route, Upstream upstream, Upstream fallbackUpstream,
                           List<RouteFilter> filters, RouteMeters meters, ReplyRenderer renderer) {

    public RouteRuntime {
        filters = List.copyOf(filters);
    }

    public RouteConfig config() {
        return route.config();
    }

    /** The route's name, or null for the runtime that serves requests no route matched. */
    public String name() {
        return route == null ? null : route.name();
    }
}
