package io.gatehouse.cli;

import io.gatehouse.bootstrap.Gateway;
import io.gatehouse.config.UpstreamConfig;
import java.io.PrintWriter;

/** What the demo prints: where things run and what to try. */
final class DemoBanner {

    /** One row x = [1, 1, 1] for the linear model: version 1 answers [9.5, 11.5], version 2 [19, 25]. */
    private static final String X = "-d '{\"inputs\": [{\"name\": \"x\", \"shape\": [1, 3], \"datatype\": \"FP32\","
            + " \"data\": [1, 1, 1]}]}'";

    private DemoBanner() {
    }

    static void print(PrintWriter out, Gateway gateway, UpstreamConfig demo, DemoModelServer models) {
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
        out.println("  model server: " + models.authority() + " over " + models.repository()
                + " (linear version 1, labelled stable; classifier)");
        out.println();
        out.println("Try:");
        out.println("  curl -i " + base + "/api/items/42    # load balancing: run it twice, demo-1 and demo-2 take turns");
        out.println("  curl -i " + base + "/hello/ada       # path rewrite: the origin sees /greet/ada");
        out.println("  curl -i " + base + "/nowhere         # no route: 404 with an application/problem+json body");
        out.println("  curl -s " + admin + "/admin/routes   # the routes in match order");
        out.println("  curl -s " + admin + "/metrics | grep gatehouse_requests_total");
        out.println();
        printModels(out, base, admin);
        out.println();
        out.println("Access log lines follow on stdout. Press Ctrl-C to stop.");
        out.flush();
    }

    /** Lines meant to be run in order: each step changes what the following ones answer. */
    private static void printModels(PrintWriter out, String base, String admin) {
        out.println("Models, in this order (linear: version 1 answers [9.5, 11.5] for x = [1, 1, 1], version 2 [19, 25]):");
        out.println("  # by name: the default, the label stable, is version 1");
        out.println("  curl -s " + base + "/v2/models/linear/infer " + X);
        out.println("  # by version, and by label (a header, as Open Inference paths name versions only)");
        out.println("  curl -s " + base + "/v2/models/linear/versions/1/infer " + X);
        out.println("  curl -s -H 'X-Model-Version: stable' " + base + "/v2/models/linear/infer " + X);
        out.println("  # TF Serving REST, by label in the path");
        out.println("  curl -s " + base + "/tfs/v1/models/classifier/labels/stable:predict -d '{\"instances\": [[1, 2]]}'");
        out.println("  # load version 2: the gateway asks the model server to load it and waits until it is ready");
        out.println("  curl -s -X POST " + admin + "/admin/models/linear/versions/2");
        out.println("  curl -s " + base + "/v2/models/linear/versions/2/infer " + X);
        out.println("  # canary split: now about 1 in 10 requests by name is answered by version 2");
        out.println("  curl -s -X PUT " + admin + "/admin/models/linear/traffic -d '{\"weights\": {\"stable\": 90, \"2\": 10}}'");
        out.println("  # move the label: every request by name is now answered by version 2");
        out.println("  curl -s -X PUT " + admin + "/admin/models/linear/labels/stable -d '{\"version\": \"2\"}'");
        out.println("  curl -s " + admin + "/admin/models/linear    # versions, states, labels, weights");
    }
}
