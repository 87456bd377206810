package io.gatehouse.config;

import io.gatehouse.filter.FilterRegistry;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** Reads the top level of the config, section by section, so that one pass reports every problem. */
final class GatewaySection {

    static final String[] KEYS = {"server", "listeners", "admin", "access-log", "upstreams", "routes"};

    private GatewaySection() {
    }

    static GatewayConfig gateway(ConfigNode root, FilterRegistry filters) {
        root.expectMap(KEYS);
        List<ListenerConfig> listeners = ListenerSection.listeners(root.get("listeners"));
        Map<String, UpstreamConfig> upstreams = UpstreamSection.upstreams(root.get("upstreams"));
        List<String> listenerNames = listeners.stream().map(ListenerConfig::name).filter(Objects::nonNull).toList();
        RouteSection routes = new RouteSection(upstreams.keySet(), listenerNames, filters);
        return new GatewayConfig(
                ServerSection.server(root.get("server")),
                listeners,
                ListenerSection.admin(root.get("admin")),
                upstreams,
                routes.routes(root.get("routes")),
                ServerSection.accessLog(root.get("access-log")));
    }
}
