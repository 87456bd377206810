package io.gatehouse.proxy;

import io.gatehouse.config.GatewayConfig;
import io.gatehouse.routing.Router;
import java.util.List;

/**
 * One immutable generation of the configuration with everything compiled from it. An exchange keeps the snapshot
 * it started with, so a reload never changes a request midway.
 *
 * @param routes    runtimes indexed by {@code CompiledRoute.index()}
 * @param unmatched the runtime for requests that matched no route: no filters, no upstream, its own meters
 */
public record GatewaySnapshot(GatewayConfig config, Router router, List<RouteRuntime> routes,
                              TrustedProxies trustedProxies, RouteRuntime unmatched) {

    public GatewaySnapshot {
        routes = List.copyOf(routes);
    }

    public RouteRuntime route(int index) {
        return routes.get(index);
    }
}
