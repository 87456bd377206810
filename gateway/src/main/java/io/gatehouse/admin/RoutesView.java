package io.gatehouse.admin;

import io.gatehouse.config.MatchConfig;
import io.gatehouse.config.RouteConfig;
import io.gatehouse.routing.CompiledRoute;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The routes as the admin API shows them: in the order a request is matched against them. */
final class RoutesView {

    private RoutesView() {
    }

    static List<Map<String, Object>> of(List<CompiledRoute> ordered) {
        List<Map<String, Object>> view = new ArrayList<>();
        int order = 1;
        for (CompiledRoute route : ordered) {
            RouteConfig config = route.config();
            MatchConfig match = config.match();
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
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("order", order++);
            entry.put("name", config.name());
            entry.put("match", m);
            entry.put("upstream", config.upstream());
            entry.put("priority", config.priority());
            entry.put("filters", config.filters().stream().map(f -> f.name()).toList());
            view.add(entry);
        }
        return view;
    }
}
