package io.gatehouse.routing;

import static io.gatehouse.routing.RouteBuilder.route;
import static io.gatehouse.routing.RouterFixture.find;
import static io.gatehouse.routing.RouterFixture.matched;
import static io.gatehouse.routing.RouterFixture.router;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gatehouse.config.RewriteConfig;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class PathRewriterTest {

    @Test
    void templateIsFilledFromCapturedVariables() {
        assertThat(rewrite(route("r").path("/users/{id}/posts/{post}").rewritePath("/v1/{post}/by/{id}.json"),
                "/users/ann/posts/7")).isEqualTo("/v1/7/by/ann.json");
        assertThat(rewrite(route("r").path("/models/{name}:predict").rewritePath("/v2/models/{name}/infer"),
                "/models/resnet:predict")).isEqualTo("/v2/models/resnet/infer");
    }

    @Test
    void templateIsFilledFromRegexGroups() {
        assertThat(rewrite(route("r").regex("/u/(?<id>[0-9]+)").rewritePath("/users/{id}"), "/u/42"))
                .isEqualTo("/users/42");
    }

    @Test
    void stripPrefixKeepsAPath() {
        assertThat(rewrite(route("r").prefix("/api").stripPrefix(), "/api/users")).isEqualTo("/users");
        assertThat(rewrite(route("r").prefix("/api").stripPrefix(), "/api")).isEqualTo("/");
        assertThat(rewrite(route("r").prefix("/api").stripPrefix(), "/api/")).isEqualTo("/");
        assertThat(rewrite(route("r").prefix("/api/").stripPrefix(), "/api/users")).isEqualTo("/users");
        assertThat(rewrite(route("r").prefix("/").stripPrefix(), "/users")).isEqualTo("/users");
    }

    @Test
    void regexReplacesWithGroups() {
        assertThat(rewrite(route("r").prefix("/").rewriteRegex("^/old/([^/]+)/(.*)$", "/new/$2/$1"), "/old/a/b/c"))
                .isEqualTo("/new/b/c/a");
        assertThat(rewrite(route("r").prefix("/").rewriteRegex("//+", "/"), "/a//b///c")).isEqualTo("/a/b/c");
    }

    @Test
    void stripPrefixThenRegex() {
        RewriteConfig both = new RewriteConfig(null, true, Pattern.compile("^/v1"), "/v2", null);

        assertThat(rewrite(route("r").prefix("/api").rewrite(both), "/api/v1/x")).isEqualTo("/v2/x");
    }

    @Test
    void withoutRewriteThePathIsUnchanged() {
        String path = "/keep/me";
        assertThat(rewrite(route("r").prefix("/"), path)).isSameAs(path);
    }

    @Test
    void templateNamingAnUnknownVariableIsRejectedAtCompile() {
        assertThatThrownBy(() -> router(route("users").path("/users/{id}").rewritePath("/v1/{user}")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("route 'users': rewrite path /v1/{user} uses {user}, expected one of [id]");
    }

    private static String rewrite(RouteBuilder route, String path) {
        RouteLookup.Matched match = matched(find(router(route), path));
        return match.route().rewritePath(path, match);
    }
}
