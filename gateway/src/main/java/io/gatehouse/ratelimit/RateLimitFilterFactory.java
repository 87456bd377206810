package io.gatehouse.ratelimit;

import io.gatehouse.config.FilterSettingsNode;
import io.gatehouse.config.RateLimitFilterConfig;
import io.gatehouse.config.RateLimitFilterSection;
import io.gatehouse.filter.Filter;
import io.gatehouse.filter.FilterContext;
import io.gatehouse.filter.FilterFactory;
import io.gatehouse.filter.Phase;
import java.util.ArrayList;
import java.util.List;

/** {@code rate-limit}: checks requests against named and inline limiters, in the LIMIT phase. */
public final class RateLimitFilterFactory implements FilterFactory<RateLimitFilterConfig> {

    @Override
    public String name() {
        return RateLimitFilterSection.FILTER_NAME;
    }

    @Override
    public Phase phase() {
        return Phase.LIMIT;
    }

    @Override
    public RateLimitFilterConfig parse(FilterSettingsNode settings) {
        return RateLimitFilterSection.parse(settings);
    }

    @Override
    public Filter create(RateLimitFilterConfig settings, FilterContext context) {
        List<String> names = new ArrayList<>(settings.limiters());
        for (int i = 0; i < settings.inline().size(); i++) {
            names.add(InlineLimiters.name(context.routeName(), context.position(), i));
        }
        List<RateLimitFilter.Bound> bound = new ArrayList<>();
        for (String name : names) {
            RateLimiter limiter = context.limiters().get(name);
            if (limiter == null) {
                throw new IllegalStateException("no limiter \"" + name + "\" was built for route "
                        + context.routeName());
            }
            bound.add(new RateLimitFilter.Bound(limiter, context.metrics().rateLimit(context.routeName(), name)));
        }
        return new RateLimitFilter(bound, settings.legacyHeaders());
    }
}
