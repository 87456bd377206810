package io.gatehouse.bench;

import io.gatehouse.config.MatchConfig;
import io.gatehouse.config.RewriteConfig;
import io.gatehouse.config.RouteConfig;
import io.gatehouse.routing.QueryParams;
import io.gatehouse.routing.RouteLookup;
import io.gatehouse.routing.Router;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpHeaders;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Route lookup cost as the route table grows: the request path matches one of {@code routes} template routes of the
 * form {@code /svc<i>/items/{id}} (GET only). A trie should keep the cost flat.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class RouterBenchmark {

    /** Requests cycle through this many different paths, spread over the table, so no single one stays hot. */
    private static final int PATHS = 64;

    @Param({"10", "1000", "10000"})
    public int routes;

    private Router router;
    private final String[] paths = new String[PATHS];
    private final HttpHeaders headers = new DefaultHttpHeaders();
    private int next;

    @Setup
    public void compileRoutes() {
        List<RouteConfig> configs = new ArrayList<>(routes);
        for (int i = 0; i < routes; i++) {
            MatchConfig match = new MatchConfig(List.of(), "/svc" + i + "/items/{id}", null, null, List.of("GET"),
                    Map.of(), Map.of());
            configs.add(new RouteConfig("svc" + i, match, "upstream", RewriteConfig.NONE, null, 0, 0, List.of(),
                    List.of(), null, null));
        }
        router = Router.compile(configs);
        for (int p = 0; p < PATHS; p++) {
            int target = (int) ((long) p * routes / PATHS);
            paths[p] = "/svc" + target + "/items/" + (1000 + p);
        }
    }

    @Benchmark
    public RouteLookup find() {
        String path = paths[next++ & (PATHS - 1)];
        return router.find("public", "api.example.com", "GET", path, QueryParams.NONE, headers);
    }
}
