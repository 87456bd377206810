package io.gatehouse.ratelimit;

import io.gatehouse.config.FilterSpec;
import io.gatehouse.config.GatewayConfig;
import io.gatehouse.config.LimiterConfig;
import io.gatehouse.config.ModelApiRoutes;
import io.gatehouse.config.RateLimitFilterConfig;
import io.gatehouse.config.RouteConfig;
import java.util.ArrayList;
import java.util.List;

/**
 * Limiters written inside a route's {@code rate-limit} filter. Each is named after its route and place, so that it
 * keeps its counts across reloads for as long as its route keeps its name and the filter its position.
 */
public final class InlineLimiters {

    private InlineLimiters() {
    }

    /** The name of the {@code index}-th inline limiter of the filter at {@code position} in route {@code route}. */
    static String name(String route, int position, int index) {
        return route + "/filters[" + position + "]/" + index;
    }

    /** Every limiter of the config: the top-level ones, then each route's (and model API's) inline ones, named. */
    public static List<LimiterConfig> all(GatewayConfig config) {
        List<LimiterConfig> all = new ArrayList<>(config.limiters().values());
        for (RouteConfig route : ModelApiRoutes.withModelApis(config)) {
            for (int position = 0; position < route.filters().size(); position++) {
                FilterSpec spec = route.filters().get(position);
                if (spec.settings() instanceof RateLimitFilterConfig settings) {
                    for (int i = 0; i < settings.inline().size(); i++) {
                        all.add(named(settings.inline().get(i), name(route.name(), position, i)));
                    }
                }
            }
        }
        return all;
    }

    private static LimiterConfig named(LimiterConfig limiter, String name) {
        return new LimiterConfig(name, limiter.key(), limiter.algorithm(), limiter.missingKey(), limiter.policy(),
                limiter.redis(), limiter.maxKeys(), limiter.idleExpiry());
    }
}
