package io.gatehouse.config;

import io.gatehouse.filter.FilterFactory;
import io.gatehouse.filter.FilterRegistry;
import io.gatehouse.filter.Phase;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Checks each route's {@code auth}, {@code acl} and {@code scopes} filters against the consumers: the anonymous
 * consumer of an {@code auth} filter exists, every group an {@code acl} names is held by some consumer (a typo would
 * otherwise lock everyone out, or let everyone in), and a route with {@code acl} or {@code scopes} also has an
 * {@code auth} filter that runs before them. Filters that are not registered, or whose own settings are invalid,
 * were reported when they were read and are skipped here.
 */
final class ConsumerReferences {

    private static final String AUTH = AuthFilterSection.FILTER_NAME;
    private static final String ACL = AclFilterSection.FILTER_NAME;
    private static final String SCOPES = ScopesFilterSection.FILTER_NAME;

    private ConsumerReferences() {
    }

    static void check(ConfigNode routes, Map<String, ConsumerConfig> consumers, FilterRegistry filters) {
        for (ConfigNode route : list(routes)) {
            checkFilters(route.get("filters"), consumers, filters);
        }
    }

    /** Checks one route's (or model API's) {@code filters} list. */
    static void checkFilters(ConfigNode filterList, Map<String, ConsumerConfig> consumers, FilterRegistry filters) {
        Set<String> groups = new TreeSet<>();
        consumers.values().forEach(consumer -> groups.addAll(consumer.groups()));
        List<ConfigNode> items = list(filterList);
        boolean authenticates = items.stream().anyMatch(item -> named(item, AUTH));
        for (ConfigNode item : items) {
            if (named(item, AUTH) && filters.find(AUTH).isPresent()) {
                checkAnonymous(item.get(AUTH), consumers);
            } else if (named(item, ACL) && filters.find(ACL).isPresent()) {
                checkGroups(item.get(ACL), groups);
            }
            for (String name : List.of(ACL, SCOPES)) {
                if (named(item, name) && filters.find(name).isPresent() && !authenticates) {
                    item.get(name).error(name + " needs an " + AUTH + " filter on the same route: without one "
                            + "no request has an identity");
                }
            }
        }
        checkAfterAuth(items, filters);
    }

    private static void checkAnonymous(ConfigNode node, Map<String, ConsumerConfig> consumers) {
        AuthFilterConfig settings = AuthFilterSection.parse(FilterSettingsNode.reread(node));
        if (settings != null && settings.anonymous() != null && !consumers.containsKey(settings.anonymous())) {
            node.get("anonymous").errorUnknown("consumer", settings.anonymous(), consumers.keySet());
        }
    }

    private static void checkGroups(ConfigNode node, Set<String> groups) {
        AclFilterConfig settings = AclFilterSection.parse(FilterSettingsNode.reread(node));
        if (settings == null) {
            return;
        }
        for (ConfigNode item : node.get(settings.allow() ? "allow" : "deny").items()) {
            String group = item.string(null);
            if (!groups.contains(group)) {
                item.error("no consumer is in group \"" + group + "\" (groups: "
                        + (groups.isEmpty() ? "none" : String.join(", ", groups)) + ")");
            }
        }
    }

    private static boolean named(ConfigNode item, String name) {
        return FilterItems.named(item, name);
    }

    /**
     * Reports an {@code acl} or {@code scopes} filter that a {@code phase} places before the route's {@code auth}
     * filter: no request would have an identity when it runs, so it would refuse every one.
     */
    private static void checkAfterAuth(List<ConfigNode> items, FilterRegistry filters) {
        int authAt = 0;
        while (authAt < items.size() && !named(items.get(authAt), AUTH)) {
            authAt++;
        }
        int[] authPlace = authAt == items.size() ? null : place(items.get(authAt), AUTH, authAt, filters);
        if (authPlace == null) {
            return;
        }
        for (int i = 0; i < items.size(); i++) {
            for (String name : List.of(ACL, SCOPES)) {
                int[] place = named(items.get(i), name) ? place(items.get(i), name, i, filters) : null;
                if (place != null && Arrays.compare(place, authPlace) < 0) {
                    items.get(i).error(name + " would run before " + AUTH + " (phases run in the order "
                            + String.join(", ", Phase.configNames()) + "), when no request has an identity yet: "
                            + "give it a phase no earlier than " + AUTH + "'s");
                }
            }
        }
    }

    /** Where a filter runs (phase, order, position); null when its filter or phase is unknown (reported already). */
    private static int[] place(ConfigNode item, String name, int position, FilterRegistry filters) {
        FilterFactory<?> factory = filters.find(name).orElse(null);
        ConfigNode phaseNode = item.get(FilterItems.PHASE);
        Phase phase = !phaseNode.isPresent() ? (factory == null ? null : factory.phase())
                : phaseNode.json().isTextual() ? Phase.named(phaseNode.json().asText()) : null;
        return factory == null || phase == null ? null : new int[] {phase.ordinal(), factory.order(), position};
    }

    /** The items of a list, without reporting a value that is not one (the route section did). */
    private static List<ConfigNode> list(ConfigNode node) {
        return node.json().isArray() ? node.items() : List.of();
    }
}
