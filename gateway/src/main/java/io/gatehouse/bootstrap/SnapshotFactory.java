package io.gatehouse.bootstrap;

import io.gatehouse.auth.AuthResources;
import io.gatehouse.auth.AuthServices;
import io.gatehouse.auth.Consumers;
import io.gatehouse.config.FilterSpec;
import io.gatehouse.config.GatewayConfig;
import io.gatehouse.config.RouteConfig;
import io.gatehouse.filter.Filter;
import io.gatehouse.filter.FilterContext;
import io.gatehouse.filter.FilterFactory;
import io.gatehouse.filter.FilterRegistry;
import io.gatehouse.model.InferenceApi;
import io.gatehouse.model.ModelFilterFactory;
import io.gatehouse.model.ModelRegistry;
import io.gatehouse.observe.GatewayMetrics;
import io.gatehouse.proxy.GatewaySnapshot;
import io.gatehouse.proxy.ProblemJsonRenderer;
import io.gatehouse.proxy.ReplyRenderer;
import io.gatehouse.proxy.RouteFilter;
import io.gatehouse.proxy.RouteRuntime;
import io.gatehouse.proxy.TrustedProxies;
import io.gatehouse.ratelimit.InlineLimiters;
import io.gatehouse.ratelimit.LimiterRegistry;
import io.gatehouse.ratelimit.RateLimiter;
import io.gatehouse.routing.CompiledRoute;
import io.gatehouse.routing.Router;
import io.gatehouse.upstream.Upstream;
import io.gatehouse.upstream.UpstreamRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Compiles a validated config into a snapshot, reusing long-lived state from the registries. */
final class SnapshotFactory {

    static final String UNMATCHED_ROUTE = "(none)";

    private final FilterRegistry filters;
    private final UpstreamRegistry upstreams;
    private final GatewayMetrics metrics;
    private final LimiterRegistry limiters;
    private final AuthServices auth;
    private final ModelRegistry models;

    SnapshotFactory(FilterRegistry filters, UpstreamRegistry upstreams, LimiterRegistry limiters,
                    GatewayMetrics metrics, AuthServices auth, ModelRegistry models) {
        this.filters = filters;
        this.auth = auth;
        this.models = models;
        this.upstreams = upstreams;
        this.limiters = limiters;
        this.metrics = metrics;
    }

    /** Blocks to resolve new endpoint hosts: never call it on an event loop. */
    GatewaySnapshot build(GatewayConfig config, String source) {
        // Before anything changes: a config that drops a version a label points at changes nothing.
        models.check(config.models());
        Map<String, Upstream> resolved = upstreams.apply(config.upstreams(), source);
        metrics.retainUpstreams(resolved.values());
        Map<String, RateLimiter> limiters = this.limiters.apply(InlineLimiters.all(config));
        metrics.retainRedisLimiters(limiters.values());
        models.apply(config.models());
        // Model API routes come after the user routes, so a user route keeps its index.
        List<RouteConfig> all = new ArrayList<>(config.routes());
        config.modelApis().forEach(api -> all.add(ModelFilterFactory.route(api)));
        Router router = Router.compile(all);
        AuthResources auth = new AuthResources(Consumers.of(config.consumers().values()), this.auth);
        RouteRuntime[] routes = new RouteRuntime[all.size()];
        for (CompiledRoute compiled : router.ordered()) {
            RouteConfig route = compiled.config();
            Upstream fallback = route.fallback() == null || route.fallback().upstream() == null ? null
                    : resolved.get(route.fallback().upstream());
            int apiIndex = compiled.index() - config.routes().size();
            ReplyRenderer renderer = apiIndex < 0 ? ProblemJsonRenderer.INSTANCE
                    : InferenceApi.of(config.modelApis().get(apiIndex).protocol()).renderer();
            routes[compiled.index()] = new RouteRuntime(compiled, route.upstream() == null ? null
                    : resolved.get(route.upstream()), fallback, filtersOf(route, limiters, auth, resolved),
                    metrics.forRoute(route.name()), renderer);
        }
        RouteRuntime unmatched = new RouteRuntime(null, null, null, List.of(), metrics.forRoute(UNMATCHED_ROUTE),
                ProblemJsonRenderer.INSTANCE);
        java.util.Set<String> live = new java.util.HashSet<>();
        live.add(UNMATCHED_ROUTE);
        all.forEach(route -> live.add(route.name()));
        metrics.retainRoutes(live);
        return new GatewaySnapshot(config, router, List.of(routes), TrustedProxies.parse(config.server().trustedProxies()),
                unmatched);
    }

    /** Filters in run order: phase (the instance's or its factory's), then each factory's order, then position. */
    private List<RouteFilter> filtersOf(RouteConfig route, Map<String, RateLimiter> limiters, AuthResources auth,
                                        Map<String, Upstream> upstreams) {
        List<RouteFilter> built = new ArrayList<>();
        for (int i = 0; i < route.filters().size(); i++) {
            FilterSpec spec = route.filters().get(i);
            FilterFactory<?> factory = filters.factory(spec.name());
            Filter filter = create(factory, spec.settings(),
                    new FilterContext(route.name(), i, limiters, metrics, auth, upstreams, models));
            built.add(new RouteFilter(spec.name(), spec.phase() != null ? spec.phase() : factory.phase(),
                    factory.order(), i, spec.timeout(), filter));
        }
        built.sort(RouteFilter.RUN_ORDER);
        return built;
    }

    @SuppressWarnings("unchecked")
    private static <S> Filter create(FilterFactory<S> factory, Object settings, FilterContext context) {
        return factory.create((S) settings, context);
    }
}
