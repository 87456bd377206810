package io.gatehouse.config;

import static io.gatehouse.config.ConfigFixtures.errorsOf;
import static io.gatehouse.config.ConfigFixtures.load;
import static io.gatehouse.config.ConfigFixtures.route;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class RewriteSectionTest {

    private static RewriteConfig rewrite(String match, String rewrite) {
        return load(route("match: " + match + "\nrewrite: " + rewrite)).routes().get(0).rewrite();
    }

    private static List<String> rewriteErrors(String match, String rewrite) {
        return errorsOf(route("match: " + match + "\nrewrite: " + rewrite));
    }

    @Test
    void readsAPathTemplateFilledFromTheMatch() {
        assertThat(rewrite("{ path: \"/users/{id}/{tab}\" }", "{ path: \"/v1/{tab}/{id}\" }").path())
                .isEqualTo("/v1/{tab}/{id}");
    }

    @Test
    void everyRewriteVariableMustBeCapturedByTheMatch() {
        assertThat(rewriteErrors("{ path: \"/users/{id}\" }", "{ path: \"/v1/{user}/{id}/{tab}\" }")).containsExactly(
                "routes[0].rewrite.path: variable \"user\" is not captured by match.path (captured: id)",
                "routes[0].rewrite.path: variable \"tab\" is not captured by match.path (captured: id)");
        assertThat(rewriteErrors("{ prefix: / }", "{ path: \"/v1/{id}\" }")).containsExactly(
                "routes[0].rewrite.path: variable \"id\" is not captured by match.path (captured: none)");
    }

    @Test
    void anInvalidMatchPathIsReportedOnce() {
        assertThat(rewriteErrors("{ path: \"/users/{id\" }", "{ path: \"/v1/{id}\" }"))
                .containsExactly("routes[0].match.path: unbalanced braces in \"/users/{id\"");
    }

    @Test
    void stripPrefixNeedsAPrefixMatch() {
        assertThat(rewrite("{ prefix: /api/ }", "{ strip-prefix: true }").stripPrefix()).isTrue();
        assertThat(rewriteErrors("{ path: /api }", "{ strip-prefix: true }"))
                .containsExactly("routes[0].rewrite.strip-prefix: only allowed when the route matches by prefix");
    }

    @Test
    void regexAndReplacementGoTogether() {
        RewriteConfig rewrite = rewrite("{ prefix: / }", "{ regex: \"^/old/(.*)$\", replacement: \"/new/$1\" }");
        assertThat(rewrite.regex().matcher("/old/x").replaceAll(rewrite.replacement())).isEqualTo("/new/x");

        assertThat(rewriteErrors("{ prefix: / }", "{ regex: \"^/old\" }"))
                .containsExactly("routes[0].rewrite.replacement: required with regex");
        assertThat(rewriteErrors("{ prefix: / }", "{ replacement: /new }"))
                .containsExactly("routes[0].rewrite.regex: required with replacement");
        assertThat(rewriteErrors("{ prefix: / }", "{ regex: \"(\", replacement: x }"))
                .containsExactly("routes[0].rewrite.regex: invalid regex \"(\": Unclosed group near index 1");
    }

    @Test
    void pathAndRegexAreExclusive() {
        assertThat(rewriteErrors("{ prefix: / }", "{ path: /a, regex: b, replacement: c }"))
                .containsExactly("routes[0].rewrite: path and regex are exclusive");
    }

    @Test
    void readsTheUpstreamHost() {
        assertThat(rewrite("{ prefix: / }", "{ host: \"users.internal:8443\" }").host()).isEqualTo("users.internal:8443");
        assertThat(rewriteErrors("{ prefix: / }", "{ host: \"bad host\", hots: x }")).containsExactly(
                "routes[0].rewrite.hots: unknown key (allowed: path, strip-prefix, regex, replacement, host)",
                "routes[0].rewrite.host: expected a host name, optionally with \":port\", got \"bad host\"");
    }
}
