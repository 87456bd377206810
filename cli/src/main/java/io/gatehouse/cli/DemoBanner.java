package io.gatehouse.cli;

import io.gatehouse.bootstrap.Gateway;
import io.gatehouse.config.UpstreamConfig;
import java.io.PrintWriter;

/** What the demo prints: where things run and what to try. */
final class DemoBanner {

    private DemoBanner() {
    }

    static void print(PrintWriter out, Gateway gateway, UpstreamConfig demo) {
        String base = "http://127.0.0.1:" + gateway.port(gateway.config().listeners().get(0).name());
        String admin = "http://127.0.0.1:" + gateway.adminPort();
        StringBuilder origins = new StringBuilder();
        for (int i = 0; i < demo.endpoints().size(); i++) {
            origins.append(i == 0 ? "" : ", ").append("demo-").append(i + 1).append(" on ")
                    .append(demo.endpoints().get(i).authority());
        }
        out.println();
        out.println("Gatehouse demo is running.");
        out.println("  gateway: " + base + "    admin: " + admin);
        out.println("  origins: " + origins);
        out.println();
        out.println("Try:");
        out.println("  curl -i " + base + "/api/items/42    # load balancing: run it twice, demo-1 and demo-2 take turns");
        out.println("  curl -i " + base + "/hello/ada       # path rewrite: the origin sees /greet/ada");
        out.println("  curl -i " + base + "/nowhere         # no route: 404 with an application/problem+json body");
        out.println("  curl -s " + admin + "/admin/routes   # the routes in match order");
        out.println("  curl -s " + admin + "/metrics | grep gatehouse_requests_total");
        out.println();
        out.println("Access log lines follow on stdout. Press Ctrl-C to stop.");
        out.flush();
    }
}
