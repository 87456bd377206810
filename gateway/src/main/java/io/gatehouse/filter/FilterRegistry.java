package io.gatehouse.filter;

import io.gatehouse.auth.AclFilterFactory;
import io.gatehouse.auth.AuthFilterFactory;
import io.gatehouse.auth.ScopesFilterFactory;
import io.gatehouse.filter.headers.HeadersFilterFactory;
import io.gatehouse.model.ModelFilterFactory;
import io.gatehouse.ratelimit.RateLimitFilterFactory;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The named filter factories a config may refer to. */
public final class FilterRegistry {

    private final Map<String, FilterFactory<?>> factories = new LinkedHashMap<>();
    /** Filters the gateway places itself (the model filter of model API routes); a config cannot name them. */
    private final Map<String, FilterFactory<?>> internal = new LinkedHashMap<>();

    private FilterRegistry(List<FilterFactory<?>> all, List<FilterFactory<?>> internalOnes) {
        for (FilterFactory<?> factory : all) {
            if (factories.putIfAbsent(factory.name(), factory) != null) {
                throw new IllegalArgumentException("two filter factories are named \"" + factory.name() + "\"");
            }
        }
        for (FilterFactory<?> factory : internalOnes) {
            if (factories.containsKey(factory.name()) || internal.putIfAbsent(factory.name(), factory) != null) {
                throw new IllegalArgumentException("two filter factories are named \"" + factory.name() + "\"");
            }
        }
    }

    /** The filters that ship with the gateway. */
    public static FilterRegistry builtins() {
        return builtins(new ModelFilterFactory());
    }

    /** The built-in filters with {@code model} as the model API routes' filter (tests pass a seeded one). */
    public static FilterRegistry builtins(ModelFilterFactory model) {
        return new FilterRegistry(List.of(new HeadersFilterFactory(), new RateLimitFilterFactory(),
                new AuthFilterFactory(), new AclFilterFactory(), new ScopesFilterFactory()), List.of(model));
    }

    /** A factory a config may name. */
    public Optional<FilterFactory<?>> find(String name) {
        return Optional.ofNullable(factories.get(name));
    }

    /** The factory of a filter the snapshot places, config-named or internal. */
    public FilterFactory<?> factory(String name) {
        FilterFactory<?> factory = factories.getOrDefault(name, internal.get(name));
        if (factory == null) {
            throw new IllegalArgumentException("no filter factory is named \"" + name + "\"");
        }
        return factory;
    }

    public Set<String> names() {
        return factories.keySet();
    }
}
