package io.gatehouse.config;

import io.gatehouse.filter.FilterFactory;
import io.gatehouse.filter.FilterRegistry;
import io.gatehouse.filter.Phase;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** Reads {@code routes}, checking references to upstreams, listeners and filters. */
final class RouteSection {

    static final TimeoutsConfig TIMEOUT_DEFAULTS = new TimeoutsConfig(Duration.ofSeconds(2), Duration.ofSeconds(30),
            Duration.ofSeconds(60), Duration.ZERO, Duration.ofSeconds(10));
    static final long DEFAULT_MAX_BODY_SIZE = 10L << 20;

    private final Collection<String> upstreams;
    private final Collection<String> listeners;
    private final FilterRegistry filters;

    /** @param upstreams and listeners are the names routes may refer to */
    RouteSection(Collection<String> upstreams, Collection<String> listeners, FilterRegistry filters) {
        this.upstreams = upstreams;
        this.listeners = listeners;
        this.filters = filters;
    }

    List<RouteConfig> routes(ConfigNode node) {
        Uniqueness names = new Uniqueness("name");
        List<RouteConfig> routes = new ArrayList<>();
        for (ConfigNode item : node.items()) {
            if (item.requireMap("name", "match", "upstream", "rewrite", "timeouts", "retries", "fallback",
                    "max-body-size", "priority", "listeners", "filters")) {
                routes.add(route(item, names));
            }
        }
        return routes;
    }

    private RouteConfig route(ConfigNode node, Uniqueness names) {
        ConfigNode nameNode = node.get("name");
        String name = nameNode.requiredString();
        if (name != null) {
            names.check(nameNode, name, "\"" + name + "\"");
        }
        MatchConfig match = MatchSection.match(node.get("match"));
        String upstream = reference(node.get("upstream"), "upstream", upstreams);
        return new RouteConfig(
                name,
                match,
                upstream,
                RewriteSection.rewrite(node.get("rewrite"), match),
                timeouts(node.get("timeouts")),
                node.get("max-body-size").size(DEFAULT_MAX_BODY_SIZE),
                node.get("priority").integer(0, Integer.MIN_VALUE, Integer.MAX_VALUE),
                node.get("listeners").oneOrMany().stream()
                        .map(item -> reference(item, "listener", listeners))
                        .filter(Objects::nonNull)
                        .toList(),
                filters(node.get("filters")),
                RetrySection.retries(node.get("retries")),
                FallbackSection.fallback(node.get("fallback"), upstreams.contains(upstream) ? upstream : null,
                        upstreams));
    }

    /** A required name that must be one of {@code known}; null after reporting otherwise. */
    private static String reference(ConfigNode node, String kind, Collection<String> known) {
        String name = node.requiredString();
        if (name != null && !known.contains(name)) {
            node.errorUnknown(kind, name, known);
        }
        return name;
    }

    /** A route's {@code timeouts}, the defaults for what it leaves out; model API entries take the same. */
    static TimeoutsConfig timeouts(ConfigNode node) {
        node.expectMap("connect", "response", "idle", "total", "filter");
        return new TimeoutsConfig(
                node.get("connect").duration(TIMEOUT_DEFAULTS.connect()),
                node.get("response").duration(TIMEOUT_DEFAULTS.response()),
                node.get("idle").duration(TIMEOUT_DEFAULTS.idle()),
                node.get("total").duration(TIMEOUT_DEFAULTS.total()),
                node.get("filter").positiveDuration(TIMEOUT_DEFAULTS.filter()));
    }

    /**
     * Each item maps a registered filter name to its settings, which that filter parses; {@code phase} and
     * {@code timeout} beside the name are the instance's own.
     */
    List<FilterSpec> filters(ConfigNode node) {
        List<FilterSpec> specs = new ArrayList<>();
        for (ConfigNode item : node.items()) {
            List<String> names = FilterItems.names(item);
            if (names.size() != 1) {
                item.error(names.isEmpty()
                        ? "expected a map from a filter name to its settings, like \"- headers: {...}\", optionally "
                        + "with phase and timeout beside the name"
                        : "expected one filter per item, got " + String.join(" and ", names) + " (give each its own)");
                continue;
            }
            String name = names.get(0);
            Optional<FilterFactory<?>> factory = filters.find(name);
            if (factory.isEmpty()) {
                item.errorUnknown("filter", name, filters.names());
                continue;
            }
            Phase phase = phase(item.get(FilterItems.PHASE));
            Duration timeout = item.get(FilterItems.TIMEOUT).positiveDuration(null);
            ConfigNode settingsNode = item.get(name);
            Object settings = factory.get().parse(new FilterSettingsNode(settingsNode));
            if (settings != null) {
                specs.add(new FilterSpec(name, settings, phase, timeout));
            }
        }
        return specs;
    }

    /** The phase an instance runs in instead of its factory's; null when the item sets none or an unknown one. */
    private static Phase phase(ConfigNode node) {
        String name = node.string(null);
        Phase phase = name == null ? null : Phase.named(name);
        if (name != null && phase == null) {
            node.error("unknown phase \"" + name + "\" (expected one of " + String.join(", ", Phase.configNames())
                    + ", in the order they run)");
        }
        return phase;
    }
}
