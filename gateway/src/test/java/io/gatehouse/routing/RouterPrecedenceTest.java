package io.gatehouse.routing;

import static io.gatehouse.routing.RouteBuilder.route;
import static io.gatehouse.routing.RouterFixture.find;
import static io.gatehouse.routing.RouterFixture.findOnHost;
import static io.gatehouse.routing.RouterFixture.nameOf;
import static io.gatehouse.routing.RouterFixture.router;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RouterPrecedenceTest {

    @Test
    void exactPathBeatsTemplateBeatsPrefixBeatsRegex() {
        Router router = router(
                route("regex").regex("/users/.*"),
                route("prefix").prefix("/users"),
                route("template").path("/users/{id}"),
                route("exact").path("/users/me"));

        assertThat(nameOf(find(router, "/users/me"))).isEqualTo("exact");
        assertThat(nameOf(find(router, "/users/42"))).isEqualTo("template");
        assertThat(nameOf(find(router, "/users/42/posts"))).isEqualTo("prefix");
        assertThat(nameOf(find(router, "/users-x"))).isEqualTo("NotFound");
    }

    @Test
    void regexIsTriedWhenNothingElseMatches() {
        Router router = router(route("regex").regex("/users.*"), route("prefix").prefix("/users"));

        assertThat(nameOf(find(router, "/users/1"))).isEqualTo("prefix");
        assertThat(nameOf(find(router, "/users-x"))).isEqualTo("regex");
    }

    @Test
    void longestPrefixWins() {
        Router router = router(
                route("root").prefix("/"),
                route("api").prefix("/api"),
                route("api-slash").prefix("/api/"),
                route("v1").prefix("/api/v1"));

        assertThat(nameOf(find(router, "/api/v1/x"))).isEqualTo("v1");
        assertThat(nameOf(find(router, "/api/v2"))).isEqualTo("api-slash");
        assertThat(nameOf(find(router, "/api"))).isEqualTo("api");
        assertThat(nameOf(find(router, "/apix"))).isEqualTo("root");
    }

    @Test
    void moreSpecificTemplateWinsAndLessSpecificStillMatchesOnBacktrack() {
        Router router = router(
                route("any-two").path("/{a}/{b}"),
                route("predict").path("/models/{name}:predict"),
                route("model").path("/models/{name}"),
                route("host-only").path("/models/{name}/versions").hosts("other.test"));

        assertThat(nameOf(find(router, "/models/m1:predict"))).isEqualTo("predict");
        assertThat(nameOf(find(router, "/models/m1"))).isEqualTo("model");
        assertThat(nameOf(find(router, "/users/m1"))).isEqualTo("any-two");
        assertThat(nameOf(find(router, "/models/m1/versions"))).isEqualTo("NotFound");
    }

    @Test
    void withinRankHostConditionBeforeNoneAndExactHostBeforeWildcard() {
        Router router = router(
                route("any").path("/x").priority(100),
                route("wildcard").path("/x").hosts("*.example.com").priority(50),
                route("exact").path("/x").hosts("api.example.com"));

        assertThat(nameOf(findOnHost(router, "api.example.com", "/x"))).isEqualTo("exact");
        assertThat(nameOf(findOnHost(router, "www.example.com", "/x"))).isEqualTo("wildcard");
        assertThat(nameOf(findOnHost(router, "example.org", "/x"))).isEqualTo("any");
    }

    @Test
    void routeWithExactAndWildcardHostsRanksByTheHostThatMatched() {
        Router router = router(
                route("mixed").prefix("/").hosts("a.test", "*.example.com"),
                route("wildcard").prefix("/").hosts("*.example.com").priority(1));

        assertThat(nameOf(findOnHost(router, "a.test", "/"))).isEqualTo("mixed");
        assertThat(nameOf(findOnHost(router, "b.example.com", "/"))).isEqualTo("wildcard");
    }

    @Test
    void higherPriorityThenConfigOrder() {
        Router router = router(
                route("first").prefix("/p"),
                route("second").prefix("/p"),
                route("urgent").prefix("/p").priority(5));

        assertThat(nameOf(find(router, "/p"))).isEqualTo("urgent");
        assertThat(nameOf(find(router(route("first").prefix("/p"), route("second").prefix("/p")), "/p")))
                .isEqualTo("first");
    }

    @Test
    void firstCandidateWhoseConditionsHoldWins() {
        Router router = router(
                route("posts-only").path("/items/{id}").methods("POST").priority(10),
                route("any-method").path("/items/{id}"));

        assertThat(nameOf(find(router, "POST", "/items/1"))).isEqualTo("posts-only");
        assertThat(nameOf(find(router, "GET", "/items/1"))).isEqualTo("any-method");
    }

    @Test
    void orderedListsEveryRouteOnceInPrecedenceOrder() {
        Router router = router(
                route("regex").regex("/.*"),
                route("root").prefix("/"),
                route("long-prefix").prefix("/api/v1"),
                route("user").path("/users/{id}"),
                route("user-posts").path("/users/{id}/posts"),
                route("generic").path("/{a}/{b}"),
                route("exact").path("/health"),
                route("exact-host").path("/health").hosts("a.test", "*.test"));

        assertThat(router.ordered()).extracting(CompiledRoute::name).containsExactly(
                "exact-host", "exact", "user", "user-posts", "generic", "long-prefix", "root", "regex");
        assertThat(router.ordered()).extracting(CompiledRoute::index).containsExactly(7, 6, 3, 4, 5, 2, 1, 0);
    }
}
