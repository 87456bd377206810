package io.gatehouse.routing;

import static io.gatehouse.routing.RouteBuilder.route;
import static io.gatehouse.routing.RouterFixture.find;
import static io.gatehouse.routing.RouterFixture.matched;
import static io.gatehouse.routing.RouterFixture.nameOf;
import static io.gatehouse.routing.RouterFixture.router;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RouterPathTest {

    @Test
    void exactPathMatchesOnlyItself() {
        Router router = router(route("users").path("/users"), route("root").path("/"));

        assertThat(nameOf(find(router, "/users"))).isEqualTo("users");
        assertThat(nameOf(find(router, "/"))).isEqualTo("root");
        assertThat(nameOf(find(router, "/users/"))).isEqualTo("NotFound");
        assertThat(nameOf(find(router, "/Users"))).isEqualTo("NotFound");
        assertThat(matched(find(router, "/users")).vars()).isSameAs(PathVariables.NONE);
    }

    @Test
    void templateCapturesSegment() {
        Router router = router(route("user").path("/users/{id}"));

        RouteLookup.Matched match = matched(find(router, "/users/42"));

        assertThat(match.vars().get("id")).isEqualTo("42");
        assertThat(match.vars().size()).isEqualTo(1);
        assertThat(match.matchedPrefix()).isEmpty();
        assertThat(nameOf(find(router, "/users/"))).isEqualTo("NotFound");
        assertThat(nameOf(find(router, "/users/42/x"))).isEqualTo("NotFound");
    }

    @Test
    void multipleVariables() {
        Router router = router(route("post").path("/users/{user}/posts/{post}/{part}"));

        PathVariables vars = matched(find(router, "/users/ann/posts/7/body")).vars();

        assertThat(vars.get("user")).isEqualTo("ann");
        assertThat(vars.get("post")).isEqualTo("7");
        assertThat(vars.get("part")).isEqualTo("body");
        assertThat(vars.get("missing")).isNull();
        assertThat(vars).hasToString("{user=ann, post=7, part=body}");
    }

    @Test
    void variableWithLiteralSuffix() {
        Router router = router(
                route("predict").path("/v1/models/{name}:predict"),
                route("explain").path("/v1/models/{name}:explain"),
                route("model").path("/v1/models/{name}"));

        RouteLookup.Matched predict = matched(find(router, "/v1/models/resnet:predict"));
        assertThat(predict.route().name()).isEqualTo("predict");
        assertThat(predict.vars().get("name")).isEqualTo("resnet");
        assertThat(matched(find(router, "/v1/models/bert:explain")).vars().get("name")).isEqualTo("bert");
        assertThat(nameOf(find(router, "/v1/models/:predict"))).isEqualTo("model");
        assertThat(matched(find(router, "/v1/models/a:b:predict")).vars().get("name")).isEqualTo("a:b");
    }

    @Test
    void rawPathIsMatchedWithoutDecoding() {
        Router router = router(route("user").path("/users/{id}"), route("space").path("/a%20b"));

        assertThat(matched(find(router, "/users/a%2Fb")).vars().get("id")).isEqualTo("a%2Fb");
        assertThat(nameOf(find(router, "/a%20b"))).isEqualTo("space");
        assertThat(nameOf(find(router, "/a b"))).isEqualTo("NotFound");
    }

    @Test
    void prefixIsSegmentAware() {
        Router router = router(route("api").prefix("/api"));

        assertThat(matched(find(router, "/api")).matchedPrefix()).isEqualTo("/api");
        assertThat(nameOf(find(router, "/api/"))).isEqualTo("api");
        assertThat(nameOf(find(router, "/api/x/y"))).isEqualTo("api");
        assertThat(nameOf(find(router, "/apix"))).isEqualTo("NotFound");
        assertThat(nameOf(find(router, "/"))).isEqualTo("NotFound");
    }

    @Test
    void prefixEndingInSlashNeedsTheSlash() {
        Router router = router(route("api").prefix("/api/"));

        assertThat(nameOf(find(router, "/api/"))).isEqualTo("api");
        assertThat(nameOf(find(router, "/api/x"))).isEqualTo("api");
        assertThat(nameOf(find(router, "/api"))).isEqualTo("NotFound");
    }

    @Test
    void rootPrefixMatchesEverythingRooted() {
        Router router = router(route("root").prefix("/"));

        assertThat(nameOf(find(router, "/"))).isEqualTo("root");
        assertThat(nameOf(find(router, "/a/b/c"))).isEqualTo("root");
        assertThat(nameOf(find(router, "*"))).isEqualTo("NotFound");
    }

    @Test
    void regexCapturesNamedGroups() {
        Router router = router(route("files").regex("/files/(?<dir>[a-z]+)/(?<file>.+)\\.(txt|md)"));

        PathVariables vars = matched(find(router, "/files/docs/readme.md")).vars();

        assertThat(vars.get("dir")).isEqualTo("docs");
        assertThat(vars.get("file")).isEqualTo("readme");
        assertThat(nameOf(find(router, "/files/docs/readme.pdf"))).isEqualTo("NotFound");
    }

    @Test
    void regexMustMatchTheWholePathAndMaySeeNonRootedPaths() {
        Router router = router(route("star").regex("\\*"), route("v").regex("/v[0-9]+"));

        assertThat(nameOf(find(router, "OPTIONS", "*"))).isEqualTo("star");
        assertThat(nameOf(find(router, "/v2"))).isEqualTo("v");
        assertThat(nameOf(find(router, "/v2/x"))).isEqualTo("NotFound");
    }

    @Test
    void optionalRegexGroupThatDidNotParticipateIsNull() {
        Router router = router(route("opt").regex("/a(?<tail>/b)?"));

        assertThat(matched(find(router, "/a")).vars().get("tail")).isNull();
        assertThat(matched(find(router, "/a/b")).vars().get("tail")).isEqualTo("/b");
    }
}
