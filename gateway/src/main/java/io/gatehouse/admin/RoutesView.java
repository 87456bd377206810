package io.gatehouse.admin;

import io.gatehouse.config.Durations;
import io.gatehouse.config.MatchConfig;
import io.gatehouse.config.RouteConfig;
import io.gatehouse.proxy.RouteFilter;
import io.gatehouse.proxy.RouteRuntime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The routes as the admin API shows them: in the order a request is matched against them. */
final class RoutesView {

    private RoutesView() {
    }

    static List<Map<String, Object>> of(List<RouteRuntime> ordered) {
        List<Map<String, Object>> view = new ArrayList<>();
        int order = 1;
        for (RouteRuntime route : ordered) {
            RouteConfig config = route.config();
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("order", order++);
            entry.put("name", config.name());
            entry.put("match", match(config.match()));
            entry.put("upstream", config.upstream());
            entry.put("priority", config.priority());
            entry.put("filters", route.filters().stream().map(filter -> filter(filter, config)).toList());
            view.add(entry);
        }
        return view;
    }

    private static Map<String, Object> match(MatchConfig match) {
        Map<String, Object> m = new LinkedHashMap<>();
        if (!match.hosts().isEmpty()) {
            m.put("hosts", match.hosts());
        }
        if (match.path() != null) {
            m.put("path", match.path());
        }
        if (match.prefix() != null) {
            m.put("prefix", match.prefix());
        }
        if (match.regex() != null) {
            m.put("regex", match.regex());
        }
        if (!match.methods().isEmpty()) {
            m.put("methods", match.methods());
        }
        if (!match.headers().isEmpty()) {
            m.put("headers", match.headers().keySet());
        }
        if (!match.query().isEmpty()) {
            m.put("query", match.query().keySet());
        }
        return m;
    }

    /** A filter where it runs: the list is in run order, which phase, order within it and position decide. */
    private static Map<String, Object> filter(RouteFilter filter, RouteConfig route) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("name", filter.name());
        view.put("phase", filter.phase().configName());
        view.put("order", filter.order());
        view.put("position", filter.position());
        view.put("timeout", Durations.format(filter.timeout() != null ? filter.timeout()
                : route.timeouts().filter()));
        return view;
    }
}
