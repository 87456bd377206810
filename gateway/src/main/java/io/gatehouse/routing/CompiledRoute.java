package io.gatehouse.routing;

import io.gatehouse.config.MatchConfig;
import io.gatehouse.config.RouteConfig;

/** A route prepared for matching and rewriting; built once per config snapshot and shared by all event loops. */
public final class CompiledRoute {

    /** How the route matches the path, in precedence order. */
    enum PathKind { EXACT, TEMPLATE, PREFIX, REGEX }

    private final int index;
    private final RouteConfig config;
    private final PathKind kind;
    private final PathTemplate template;
    private final RegexPath regex;
    private final RouteConditions conditions;
    private final PathRewriter rewriter;

    private CompiledRoute(int index, RouteConfig config) {
        MatchConfig match = config.match();
        this.index = index;
        this.config = config;
        this.template = match.path() == null ? null : PathTemplate.parse(match.path());
        this.regex = match.regex() == null ? null : new RegexPath(match.regex());
        this.kind = kindOf(template, regex);
        this.conditions = new RouteConditions(config.listeners(), match);
        String[] variableNames = template != null ? template.variableNames()
                : regex != null ? regex.groupNames() : new String[0];
        this.rewriter = PathRewriter.compile(config.rewrite(), variableNames, config.name());
    }

    static CompiledRoute compile(int index, RouteConfig config) {
        return new CompiledRoute(index, config);
    }

    private static PathKind kindOf(PathTemplate template, RegexPath regex) {
        if (template != null) {
            return template.isExact() ? PathKind.EXACT : PathKind.TEMPLATE;
        }
        return regex != null ? PathKind.REGEX : PathKind.PREFIX;
    }

    /** Position in the configured route list. */
    public int index() {
        return index;
    }

    public RouteConfig config() {
        return config;
    }

    public String name() {
        return config.name();
    }

    /**
     * The path to send upstream for a request this route matched.
     *
     * @param path  the raw received path, without the query string (which the caller keeps as is)
     * @param match the lookup result that selected this route
     */
    public String rewritePath(String path, RouteLookup.Matched match) {
        return rewriter.rewrite(path, match);
    }

    PathKind kind() {
        return kind;
    }

    /** For exact and template routes. */
    PathTemplate template() {
        return template;
    }

    /** For prefix routes. */
    String prefix() {
        return config.match().prefix();
    }

    /** For regex routes. */
    RegexPath regex() {
        return regex;
    }

    RouteConditions conditions() {
        return conditions;
    }

    int priority() {
        return config.priority();
    }

    @Override
    public String toString() {
        return "route '" + name() + "' #" + index;
    }
}
