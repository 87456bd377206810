package io.gatehouse.routing;

import static org.assertj.core.api.Assertions.assertThat;

import io.gatehouse.config.RouteConfig;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpHeaders;
import java.util.Arrays;
import java.util.List;

/** Short lookups for router tests: defaults for what a test does not care about. */
final class RouterFixture {

    static final String LISTENER = "public";
    static final String HOST = "gateway.test";

    private RouterFixture() {
    }

    static Router router(RouteBuilder... routes) {
        List<RouteConfig> configs = Arrays.stream(routes).map(RouteBuilder::build).toList();
        return Router.compile(configs);
    }

    static RouteLookup find(Router router, String method, String path) {
        return router.find(LISTENER, HOST, method, path, QueryParams.NONE, new DefaultHttpHeaders());
    }

    static RouteLookup find(Router router, String path) {
        return find(router, "GET", path);
    }

    static RouteLookup findOnHost(Router router, String host, String path) {
        return router.find(LISTENER, host, "GET", path, QueryParams.NONE, new DefaultHttpHeaders());
    }

    static RouteLookup findWith(Router router, String path, String rawQuery, HttpHeaders headers) {
        return router.find(LISTENER, HOST, "GET", path, QueryParams.of(rawQuery), headers);
    }

    static RouteLookup.Matched matched(RouteLookup lookup) {
        assertThat(lookup).isInstanceOf(RouteLookup.Matched.class);
        return (RouteLookup.Matched) lookup;
    }

    /** The name of the matched route, or the lookup's type name when nothing matched. */
    static String nameOf(RouteLookup lookup) {
        return lookup instanceof RouteLookup.Matched m ? m.route().name() : lookup.getClass().getSimpleName();
    }
}
