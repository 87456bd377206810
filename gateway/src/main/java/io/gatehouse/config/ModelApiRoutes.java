package io.gatehouse.config;

import java.util.List;

/**
 * The routes {@code model-apis} generate: one per API, named {@code model-api:<protocol>}, matching its prefix,
 * with no upstream (the model filter chooses one per request), the API's body limit and timeouts, and the route
 * defaults otherwise.
 */
public final class ModelApiRoutes {

    public static final String NAME_PREFIX = "model-api:";

    private ModelApiRoutes() {
    }

    public static String name(ModelProtocol protocol) {
        return NAME_PREFIX + protocol.configName();
    }

    /** The route of {@code api} with the API's filters, then {@code extra} (the model filter) when not null. */
    public static RouteConfig route(ModelApiConfig api, FilterSpec extra) {
        List<FilterSpec> filters = new java.util.ArrayList<>(api.filters());
        if (extra != null) {
            filters.add(extra);
        }
        MatchConfig match = new MatchConfig(List.of(), null, api.prefix(), null, List.of(), java.util.Map.of(),
                java.util.Map.of());
        return new RouteConfig(name(api.protocol()), match, null, RewriteConfig.NONE, api.timeouts(),
                api.maxBody(), 0, List.of(), filters, null, null);
    }

    /** The user routes, then the generated ones without the model filter (for what reads the API's filters). */
    public static List<RouteConfig> withModelApis(GatewayConfig config) {
        List<RouteConfig> all = new java.util.ArrayList<>(config.routes());
        config.modelApis().forEach(api -> all.add(route(api, null)));
        return List.copyOf(all);
    }
}
