package io.gatehouse.routing;

import io.gatehouse.config.MatchConfig;
import io.gatehouse.config.RewriteConfig;
import io.gatehouse.config.RouteConfig;
import io.gatehouse.config.ValueMatch;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** Builds {@link RouteConfig} records for tests: {@code route("users").path("/users/{id}").methods("GET").build()}. */
final class RouteBuilder {

    private final String name;
    private String path;
    private String prefix;
    private String regex;
    private List<String> hosts = List.of();
    private List<String> methods = List.of();
    private final Map<String, ValueMatch> headers = new HashMap<>();
    private final Map<String, ValueMatch> query = new HashMap<>();
    private RewriteConfig rewrite = RewriteConfig.NONE;
    private int priority;
    private List<String> listeners = List.of();

    private RouteBuilder(String name) {
        this.name = name;
    }

    static RouteBuilder route(String name) {
        return new RouteBuilder(name);
    }

    static ValueMatch present() {
        return new ValueMatch(true, null, null);
    }

    static ValueMatch equalTo(String value) {
        return new ValueMatch(false, value, null);
    }

    static ValueMatch matching(String regex) {
        return new ValueMatch(false, null, Pattern.compile(regex));
    }

    RouteBuilder path(String path) {
        this.path = path;
        return this;
    }

    RouteBuilder prefix(String prefix) {
        this.prefix = prefix;
        return this;
    }

    RouteBuilder regex(String regex) {
        this.regex = regex;
        return this;
    }

    RouteBuilder hosts(String... hosts) {
        this.hosts = List.of(hosts);
        return this;
    }

    RouteBuilder methods(String... methods) {
        this.methods = List.of(methods);
        return this;
    }

    RouteBuilder header(String name, ValueMatch match) {
        headers.put(name, match);
        return this;
    }

    RouteBuilder query(String name, ValueMatch match) {
        query.put(name, match);
        return this;
    }

    RouteBuilder priority(int priority) {
        this.priority = priority;
        return this;
    }

    RouteBuilder listeners(String... listeners) {
        this.listeners = List.of(listeners);
        return this;
    }

    RouteBuilder rewrite(RewriteConfig rewrite) {
        this.rewrite = rewrite;
        return this;
    }

    RouteBuilder rewritePath(String template) {
        return rewrite(new RewriteConfig(template, false, null, null, null));
    }

    RouteBuilder stripPrefix() {
        return rewrite(new RewriteConfig(null, true, null, null, null));
    }

    RouteBuilder rewriteRegex(String regex, String replacement) {
        return rewrite(new RewriteConfig(null, false, Pattern.compile(regex), replacement, null));
    }

    RouteConfig build() {
        MatchConfig match = new MatchConfig(hosts, path, prefix, regex, methods, headers, query);
        return new RouteConfig(name, match, "upstream", rewrite, null, 0, priority, listeners, List.of(), null, null);
    }
}
