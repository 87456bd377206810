package io.gatehouse.routing;

import static io.gatehouse.routing.RouteBuilder.equalTo;
import static io.gatehouse.routing.RouteBuilder.matching;
import static io.gatehouse.routing.RouteBuilder.present;
import static io.gatehouse.routing.RouteBuilder.route;
import static io.gatehouse.routing.RouterFixture.find;
import static io.gatehouse.routing.RouterFixture.findOnHost;
import static io.gatehouse.routing.RouterFixture.findWith;
import static io.gatehouse.routing.RouterFixture.nameOf;
import static io.gatehouse.routing.RouterFixture.router;
import static org.assertj.core.api.Assertions.assertThat;

import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpHeaders;
import org.junit.jupiter.api.Test;

class RouterConditionsTest {

    private static final HttpHeaders NO_HEADERS = new DefaultHttpHeaders();

    @Test
    void exactHostIgnoresPortAndCase() {
        Router router = router(route("api").prefix("/").hosts("api.example.com"));

        assertThat(nameOf(findOnHost(router, "api.example.com", "/"))).isEqualTo("api");
        assertThat(nameOf(findOnHost(router, "API.Example.COM:8443", "/"))).isEqualTo("api");
        assertThat(nameOf(findOnHost(router, "api.example.com.evil", "/"))).isEqualTo("NotFound");
        assertThat(nameOf(findOnHost(router, null, "/"))).isEqualTo("NotFound");
    }

    @Test
    void wildcardHostMatchesSubdomainsOnly() {
        Router router = router(route("wild").prefix("/").hosts("*.example.com"));

        assertThat(nameOf(findOnHost(router, "a.example.com", "/"))).isEqualTo("wild");
        assertThat(nameOf(findOnHost(router, "a.b.Example.com:80", "/"))).isEqualTo("wild");
        assertThat(nameOf(findOnHost(router, "example.com", "/"))).isEqualTo("NotFound");
        assertThat(nameOf(findOnHost(router, "badexample.com", "/"))).isEqualTo("NotFound");
    }

    @Test
    void ipv6HostKeepsItsBrackets() {
        Router router = router(route("v6").prefix("/").hosts("[::1]"));

        assertThat(nameOf(findOnHost(router, "[::1]:8080", "/"))).isEqualTo("v6");
        assertThat(nameOf(findOnHost(router, "[::1]", "/"))).isEqualTo("v6");
    }

    @Test
    void wrongMethodGives405WithEveryAllowedMethod() {
        Router router = router(
                route("read").path("/items/{id}").methods("GET", "HEAD"),
                route("write").path("/items/{id}").methods("PUT"),
                route("elsewhere").path("/other").methods("DELETE"));

        RouteLookup lookup = find(router, "POST", "/items/1");

        assertThat(lookup).isInstanceOf(RouteLookup.MethodNotAllowed.class);
        assertThat(((RouteLookup.MethodNotAllowed) lookup).allowed()).containsExactly("GET", "HEAD", "PUT");
    }

    @Test
    void anyOtherMatchBeatsMethodNotAllowed() {
        Router router = router(route("get").path("/items/{id}").methods("GET"), route("fallback").prefix("/"));

        assertThat(nameOf(find(router, "POST", "/items/1"))).isEqualTo("fallback");
    }

    @Test
    void routeFailingAnotherConditionDoesNotCountFor405() {
        Router router = router(
                route("get").path("/items").methods("GET").header("x-tenant", present()),
                route("other-host").path("/items").methods("PUT").hosts("other.test"));

        assertThat(nameOf(find(router, "POST", "/items"))).isEqualTo("NotFound");
    }

    @Test
    void headerPresentExactAndRegex() {
        Router router = router(
                route("canary").prefix("/").header("x-canary", present()).priority(3),
                route("beta").prefix("/").header("x-channel", equalTo("beta")).priority(2),
                route("mobile").prefix("/").header("user-agent", matching(".*Android.*")).priority(1),
                route("default").prefix("/"));

        assertThat(nameOf(findWith(router, "/", null, headers("X-Canary", "")))).isEqualTo("canary");
        assertThat(nameOf(findWith(router, "/", null, headers("x-channel", "beta")))).isEqualTo("beta");
        assertThat(nameOf(findWith(router, "/", null, headers("x-channel", "Beta")))).isEqualTo("default");
        assertThat(nameOf(findWith(router, "/", null, headers("User-Agent", "Mozilla (Android 14)"))))
                .isEqualTo("mobile");
        assertThat(nameOf(findWith(router, "/", null, NO_HEADERS))).isEqualTo("default");
    }

    @Test
    void queryPresentExactAndRegex() {
        Router router = router(
                route("debug").prefix("/").query("debug", present()).priority(3),
                route("v2").prefix("/").query("version", equalTo("2 beta")).priority(2),
                route("numeric").prefix("/").query("page", matching("[0-9]+")).priority(1),
                route("default").prefix("/"));

        assertThat(nameOf(findWith(router, "/", "a=1&debug", NO_HEADERS))).isEqualTo("debug");
        assertThat(nameOf(findWith(router, "/", "version=2+beta", NO_HEADERS))).isEqualTo("v2");
        assertThat(nameOf(findWith(router, "/", "version=2%20beta", NO_HEADERS))).isEqualTo("v2");
        assertThat(nameOf(findWith(router, "/", "page=12", NO_HEADERS))).isEqualTo("numeric");
        assertThat(nameOf(findWith(router, "/", "page=x12", NO_HEADERS))).isEqualTo("default");
        assertThat(nameOf(findWith(router, "/", null, NO_HEADERS))).isEqualTo("default");
    }

    @Test
    void listenersRestrictWhereARouteServes() {
        Router router = router(route("internal").prefix("/").listeners("admin", "internal"));

        assertThat(nameOf(router.find("internal", "h", "GET", "/", QueryParams.NONE, NO_HEADERS)))
                .isEqualTo("internal");
        assertThat(nameOf(router.find("public", "h", "GET", "/", QueryParams.NONE, NO_HEADERS)))
                .isEqualTo("NotFound");
    }

    private static HttpHeaders headers(String name, String value) {
        return new DefaultHttpHeaders().add(name, value);
    }
}
