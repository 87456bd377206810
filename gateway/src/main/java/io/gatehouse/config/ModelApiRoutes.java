package io.gatehouse.config;

import java.util.List;

/**
 * The routes {@code model-apis} generate: one per API, named {@code model-api:<protocol>}, matching its prefix,
 * with no upstream (the model filter chooses one per request) and the route defaults otherwise.
 */
public final class ModelApiRoutes {

    public static final String NAME_PREFIX = "model-api:";

    private ModelApiRoutes() {
    }

    public static String name(ModelProtocol protocol) {
        return NAME_PREFIX + protocol.configName();
    }

    /** The route of {@code api}; its filters are the API's, without the model filter, which the snapshot adds. */
    public static RouteConfig route(ModelApiConfig api) {
        MatchConfig match = new MatchConfig(List.of(), null, api.prefix(), null, List.of(), java.util.Map.of(),
                java.util.Map.of());
        return new RouteConfig(name(api.protocol()), match, null, RewriteConfig.NONE, RouteSection.TIMEOUT_DEFAULTS,
                RouteSection.DEFAULT_MAX_BODY_SIZE, 0, List.of(), api.filters(), null, null);
    }

    /** The user routes, then the generated ones: the list a snapshot's router is compiled from. */
    public static List<RouteConfig> withModelApis(GatewayConfig config) {
        List<RouteConfig> all = new java.util.ArrayList<>(config.routes());
        config.modelApis().forEach(api -> all.add(route(api)));
        return List.copyOf(all);
    }
}
