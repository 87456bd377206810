package io.gatehouse.filter;

import io.gatehouse.auth.AclFilterFactory;
import io.gatehouse.auth.AuthFilterFactory;
import io.gatehouse.auth.ScopesFilterFactory;
import io.gatehouse.filter.headers.HeadersFilterFactory;
import io.gatehouse.ratelimit.RateLimitFilterFactory;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The named filter factories a config may refer to. */
public final class FilterRegistry {

    private final Map<String, FilterFactory<?>> factories = new LinkedHashMap<>();

    private FilterRegistry(List<FilterFactory<?>> all) {
        for (FilterFactory<?> factory : all) {
            if (factories.putIfAbsent(factory.name(), factory) != null) {
                throw new IllegalArgumentException("two filter factories are named \"" + factory.name() + "\"");
            }
        }
    }

    /** The filters that ship with the gateway. */
    public static FilterRegistry builtins() {
        return new FilterRegistry(List.of(new HeadersFilterFactory(), new RateLimitFilterFactory(),
                new AuthFilterFactory(), new AclFilterFactory(), new ScopesFilterFactory()));
    }

    public Optional<FilterFactory<?>> find(String name) {
        return Optional.ofNullable(factories.get(name));
    }

    public Set<String> names() {
        return factories.keySet();
    }
}
