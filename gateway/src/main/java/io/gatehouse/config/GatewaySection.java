package io.gatehouse.config;

import io.gatehouse.filter.FilterRegistry;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** Reads the top level of the config, section by section, so that one pass reports every problem. */
final class GatewaySection {

    static final String[] KEYS = {"server", "listeners", "admin", "access-log", "consumers", "upstreams", "limiters",
        "routes", "models", "model-apis", "model-registry"};

    private GatewaySection() {
    }

    /**
     * Sections are read in the order of {@link #KEYS}, the order problems are reported in. The root's
     * {@link ConfigNode#secrets()} reads secrets and resolves relative paths against the config's directory.
     */
    static GatewayConfig gateway(ConfigNode root, FilterRegistry filters) {
        Secrets secrets = root.secrets();
        Path baseDirectory = secrets.baseDirectory();
        root.expectMap(KEYS);
        ServerConfig server = ServerSection.server(root.get("server"));
        List<ListenerConfig> listeners = ListenerSection.listeners(root.get("listeners"), baseDirectory);
        AdminConfig admin = ListenerSection.admin(root.get("admin"));
        AccessLogConfig accessLog = ServerSection.accessLog(root.get("access-log"));
        Map<String, ConsumerConfig> consumers = new ConsumerSection(secrets).consumers(root.get("consumers"));
        Map<String, UpstreamConfig> upstreams = UpstreamSection.upstreams(root.get("upstreams"), baseDirectory);
        Map<String, LimiterConfig> limiters = LimiterSection.limiters(root.get("limiters"));
        List<String> listenerNames = listeners.stream().map(ListenerConfig::name).filter(Objects::nonNull).toList();
        RouteSection routeSection = new RouteSection(upstreams.keySet(), listenerNames, filters);
        List<RouteConfig> routes = routeSection.routes(root.get("routes"));
        // Without the filter registered, its settings were not read and are reported as an unknown filter.
        if (filters.find(RateLimitFilterSection.FILTER_NAME).isPresent()) {
            LimiterReferences.check(root.get("routes"), limiters);
        }
        ConsumerReferences.check(root.get("routes"), consumers, filters);
        List<ModelConfig> models = ModelSection.models(root.get("models"), upstreams);
        List<ModelApiConfig> modelApis = ModelApiSection.apis(root.get("model-apis"), routeSection);
        ModelApiSection.checkRoutes(root.get("routes"), modelApis);
        ModelApiSection.checkReferences(root.get("model-apis"), limiters, consumers, filters);
        ModelRegistryConfig modelRegistry = ModelApiSection.registry(root.get("model-registry"), baseDirectory);
        return new GatewayConfig(server, listeners, admin, upstreams, routes, accessLog, limiters, consumers, models,
                modelApis, modelRegistry);
    }
}
