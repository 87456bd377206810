package io.gatehouse.config;

import java.util.List;
import java.util.Map;

/** The whole configuration: immutable, validated, swapped as one snapshot. */
public record GatewayConfig(
        ServerConfig server,
        List<ListenerConfig> listeners,
        AdminConfig admin,
        Map<String, UpstreamConfig> upstreams,
        List<RouteConfig> routes,
        AccessLogConfig accessLog,
        Map<String, LimiterConfig> limiters,
        Map<String, ConsumerConfig> consumers,
        List<ModelConfig> models,
        List<ModelApiConfig> modelApis,
        ModelRegistryConfig modelRegistry) {

    public GatewayConfig {
        listeners = List.copyOf(listeners);
        upstreams = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(upstreams));
        routes = List.copyOf(routes);
        limiters = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(limiters));
        consumers = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(consumers));
        models = List.copyOf(models);
        modelApis = List.copyOf(modelApis);
    }
}
