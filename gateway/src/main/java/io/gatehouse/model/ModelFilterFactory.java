package io.gatehouse.model;

import io.gatehouse.config.FilterSettingsNode;
import io.gatehouse.config.FilterSpec;
import io.gatehouse.config.ModelApiConfig;
import io.gatehouse.config.ModelApiRoutes;
import io.gatehouse.config.ModelProtocol;
import io.gatehouse.config.RouteConfig;
import io.gatehouse.filter.Filter;
import io.gatehouse.filter.FilterContext;
import io.gatehouse.filter.FilterFactory;
import io.gatehouse.filter.Phase;
import io.gatehouse.upstream.lb.RandomSource;

/**
 * {@code model}: the last step of the model API routes, which the gateway generates from {@code model-apis}; a
 * config cannot name it. It runs in TRANSFORM before {@code headers} (order 0), so authentication and rate limits
 * come first and header edits see the backend's path.
 */
public final class ModelFilterFactory implements FilterFactory<ModelFilterSettings> {

    public static final String NAME = "model";

    private final RandomSource random;

    public ModelFilterFactory() {
        this(RandomSource.THREAD_LOCAL);
    }

    /** @param random draws the traffic split of requests without a sticky key; tests pass a seeded one */
    public ModelFilterFactory(RandomSource random) {
        this.random = random;
    }

    /** The route {@code api} generates, its filters followed by the model filter. */
    public static RouteConfig route(ModelApiConfig api) {
        return ModelApiRoutes.route(api, new FilterSpec(NAME, new ModelFilterSettings(api.protocol(), api.prefix(),
                api.maxBody())));
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Phase phase() {
        return Phase.TRANSFORM;
    }

    @Override
    public int order() {
        return -100;
    }

    @Override
    public ModelFilterSettings parse(FilterSettingsNode settings) {
        settings.errors().add(settings.path(), "the model filter is added by model-apis and cannot be configured");
        return null;
    }

    @Override
    public Filter create(ModelFilterSettings settings, FilterContext context) {
        ModelFilter routing = new ModelFilter(InferenceApi.of(settings.protocol()), settings.prefix(),
                context.models(), context.upstreams(), context.metrics(), random);
        return settings.protocol() == ModelProtocol.OPENAI
                ? new OpenAiModelFilter(routing, context.models(), Math.toIntExact(settings.maxBody())) : routing;
    }
}
