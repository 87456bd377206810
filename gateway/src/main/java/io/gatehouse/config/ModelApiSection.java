package io.gatehouse.config;

import io.gatehouse.filter.FilterRegistry;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reads {@code model-apis} (each becomes a generated route, see {@link ModelApiRoutes}) and {@code model-registry}.
 * Model API prefixes may not nest in one another, and no user route may match paths under one: a longer prefix, an
 * exact path or a template there would silently take requests from the model API, so each is an error. Routes
 * with a shorter prefix (such as {@code /}) and regex routes are allowed: longer prefixes win and regexes are tried
 * last, so they never see the model API's paths.
 */
final class ModelApiSection {

    private ModelApiSection() {
    }

    static List<ModelApiConfig> apis(ConfigNode node, RouteSection routes) {
        List<ModelApiConfig> apis = new ArrayList<>();
        node.entries().forEach((protocolName, body) -> {
            ModelProtocol protocol = ModelProtocol.named(protocolName);
            if (protocol == null) {
                body.errorUnknown("model API", protocolName, ModelProtocol.configNames());
                return;
            }
            if (!body.requireMap("prefix", "filters", "max-body", "timeouts")) {
                return;
            }
            ConfigNode prefixNode = body.get("prefix");
            String prefix = prefixNode.require() ? prefixNode.parsed(ModelApiSection::prefix, null) : null;
            for (ModelApiConfig other : apis) {
                if (prefix != null && nested(prefix, other.prefix())) {
                    prefixNode.error("prefix " + prefix + " collides with " + other.prefix() + " of model API "
                            + other.protocol().configName() + ": one would take the other's requests");
                    prefix = null;
                }
            }
            List<FilterSpec> filters = routes.filters(body.get("filters"));
            long maxBody = maxBody(body.get("max-body"), protocol);
            TimeoutsConfig timeouts = RouteSection.timeouts(body.get("timeouts"));
            if (prefix != null) {
                apis.add(new ModelApiConfig(protocol, prefix, filters, maxBody, timeouts));
            }
        });
        return apis;
    }

    private static String prefix(String text) {
        if (!text.startsWith("/") || text.length() < 2 || text.endsWith("/") || text.contains("//")
                || text.contains("{") || text.contains("?")) {
            throw new IllegalArgumentException("expected a path prefix of its own like /v2 (not /, no trailing "
                    + "slash, no variables), got \"" + text + "\"");
        }
        return text;
    }

    /**
     * {@code max-body}: the OpenAI-style API reads each body whole (to find the model), so it bounds what it holds;
     * the other APIs stream bodies under the route default.
     */
    private static long maxBody(ConfigNode node, ModelProtocol protocol) {
        if (!node.isPresent()) {
            return ModelApiConfig.defaultMaxBody(protocol);
        }
        if (protocol != ModelProtocol.OPENAI) {
            node.error("only the openai API takes max-body (it reads each body whole); " + protocol.configName()
                    + " streams bodies up to " + RouteSection.DEFAULT_MAX_BODY_SIZE + " bytes");
            return ModelApiConfig.defaultMaxBody(protocol);
        }
        int size = node.intSize(ModelApiConfig.DEFAULT_OPENAI_MAX_BODY);
        if (size < 1) {
            node.error("expected a size above 0, like 4MiB, got \"" + node.string(null) + "\"");
            return ModelApiConfig.DEFAULT_OPENAI_MAX_BODY;
        }
        return size;
    }

    /** Whether one prefix equals the other or lies under it, segment by segment. */
    static boolean nested(String a, String b) {
        return under(a, b) || under(b, a);
    }

    private static boolean under(String path, String prefix) {
        return path.equals(prefix) || path.startsWith(prefix + "/");
    }

    /** Reports user routes that match paths under a model API prefix, or take a generated route's name. */
    static void checkRoutes(ConfigNode routes, List<ModelApiConfig> apis) {
        if (!routes.json().isArray()) {
            return;
        }
        for (ConfigNode route : routes.items()) {
            ConfigNode name = route.get("name");
            if (name.json().isTextual() && name.json().asText().startsWith(ModelApiRoutes.NAME_PREFIX)) {
                name.error("names starting with \"" + ModelApiRoutes.NAME_PREFIX + "\" are reserved for the "
                        + "routes of model-apis");
            }
            ConfigNode match = route.get("match");
            for (String kind : List.of("path", "prefix")) {
                ConfigNode pathNode = match.get(kind);
                if (!pathNode.json().isTextual()) {
                    continue;
                }
                String path = pathNode.json().asText();
                for (ModelApiConfig api : apis) {
                    if (mayMatchUnder(path, api.prefix())) {
                        pathNode.error("\"" + path + "\" matches paths under " + api.prefix() + ", the prefix of "
                                + "model API " + api.protocol().configName() + " (use a path outside it)");
                    }
                }
            }
        }
    }

    /**
     * Whether a route path or prefix can match a path at or under {@code prefix}: every segment of the prefix is
     * equal to the route's segment there or the route's is a variable, and the route has at least as many.
     */
    private static boolean mayMatchUnder(String routePath, String prefix) {
        String[] route = routePath.substring(1).split("/", -1);
        String[] api = prefix.substring(1).split("/", -1);
        if (route.length < api.length) {
            return false;
        }
        for (int i = 0; i < api.length; i++) {
            if (!route[i].equals(api[i]) && !route[i].contains("{")) {
                return false;
            }
        }
        return true;
    }

    /** Checks what the filters of each model API refer to, as {@link LimiterReferences} and
     * {@link ConsumerReferences} do for routes. */
    static void checkReferences(ConfigNode node, Map<String, LimiterConfig> limiters,
                                Map<String, ConsumerConfig> consumers, FilterRegistry filters) {
        if (!node.isMap()) {
            return;
        }
        node.json().fieldNames().forEachRemaining(protocol -> {
            ConfigNode filterList = node.get(protocol).get("filters");
            if (filters.find(RateLimitFilterSection.FILTER_NAME).isPresent()) {
                LimiterReferences.checkFilters(filterList, limiters);
            }
            ConsumerReferences.checkFilters(filterList, consumers, filters);
        });
    }

    static ModelRegistryConfig registry(ConfigNode node, Path baseDirectory) {
        ModelRegistryConfig defaults = ModelRegistryConfig.DEFAULT;
        if (!node.expectMap("state-file", "reconcile-interval", "load-timeout", "drain-timeout")) {
            return defaults;
        }
        String stateFile = node.get("state-file").isPresent() ? node.get("state-file").requiredString() : null;
        return new ModelRegistryConfig(stateFile == null ? null : baseDirectory.resolve(stateFile).normalize(),
                node.get("reconcile-interval").duration(defaults.reconcileInterval()),
                node.get("load-timeout").positiveDuration(defaults.loadTimeout()),
                node.get("drain-timeout").positiveDuration(defaults.drainTimeout()));
    }
}
