package io.gatehouse.config;

import static io.gatehouse.config.ConfigFixtures.errorsOf;
import static io.gatehouse.config.ConfigFixtures.load;
import static io.gatehouse.config.ConfigFixtures.route;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class MatchSectionTest {

    private static MatchConfig match(String match) {
        return load(route("match: " + match)).routes().get(0).match();
    }

    private static List<String> matchErrors(String match) {
        return errorsOf(route("match: " + match));
    }

    @Test
    void readsEachPathKind() {
        assertThat(match("{ path: \"/users/{id}\" }").path()).isEqualTo("/users/{id}");
        assertThat(match("{ prefix: /api/ }").prefix()).isEqualTo("/api/");
        assertThat(match("{ regex: \"^/v[0-9]+/.*\" }").regex()).isEqualTo("^/v[0-9]+/.*");
    }

    @Test
    void needsExactlyOnePathKind() {
        assertThat(matchErrors("{ methods: [GET] }"))
                .containsExactly("routes[0].match: expected one of path, prefix or regex");
        assertThat(matchErrors("{ path: /a, prefix: /a, regex: a }"))
                .containsExactly("routes[0].match: path, prefix and regex are exclusive, got path and prefix and regex");
    }

    @Test
    void checksPathsPrefixesAndRegexes() {
        assertThat(matchErrors("{ path: users }"))
                .containsExactly("routes[0].match.path: expected a path starting with \"/\", got \"users\"");
        assertThat(matchErrors("{ path: \"/users/{id\" }"))
                .containsExactly("routes[0].match.path: unbalanced braces in \"/users/{id\"");
        assertThat(matchErrors("{ path: \"/a/{id}/{id}\" }"))
                .containsExactly("routes[0].match.path: variable \"id\" appears twice in \"/a/{id}/{id}\"");
        assertThat(matchErrors("{ prefix: api }"))
                .containsExactly("routes[0].match.prefix: expected a prefix starting with \"/\", got \"api\"");
        assertThat(matchErrors("{ regex: \"/(a\" }"))
                .containsExactly("routes[0].match.regex: invalid regex \"/(a\": Unclosed group near index 3");
    }

    @Test
    void acceptsPathTemplatesWithALiteralSuffix() {
        assertThat(match("{ path: \"/models/{name}:predict\" }").path()).isEqualTo("/models/{name}:predict");
    }

    @Test
    void hostsAreOneOrManyLowerCasedNamesOrWildcards() {
        assertThat(match("{ prefix: /, host: API.Example.com }").hosts()).containsExactly("api.example.com");
        assertThat(match("{ prefix: /, host: [a.example.com, \"*.example.org\", 10.0.0.1] }").hosts())
                .containsExactly("a.example.com", "*.example.org", "10.0.0.1");
        assertThat(matchErrors("{ prefix: /, host: [\"api.*.com\", \"a b\"] }")).containsExactly(
                "routes[0].match.host[0]: expected a host name or a wildcard like \"*.example.com\", got \"api.*.com\"",
                "routes[0].match.host[1]: expected a host name or a wildcard like \"*.example.com\", got \"a b\"");
    }

    @Test
    void methodsAreUpperCasedTokens() {
        assertThat(match("{ prefix: /, methods: [get, PURGE, GET] }").methods()).containsExactly("GET", "PURGE");
        assertThat(match("{ prefix: /, methods: post }").methods()).containsExactly("POST");
        assertThat(matchErrors("{ prefix: /, methods: [\"GE T\", \"\"] }")).containsExactly(
                "routes[0].match.methods[0]: expected an HTTP method, got \"GE T\"",
                "routes[0].match.methods[1]: expected an HTTP method, got \"\"");
    }

    @Test
    void headerConditionsAreKeyedByLowerCaseName() {
        MatchConfig match = match("{ prefix: /, headers: { X-Env: prod, X-Ver: { exact: 2 } } }");

        assertThat(match.headers()).containsOnlyKeys("x-env", "x-ver");
        assertThat(match.headers().get("x-env")).isEqualTo(new ValueMatch(false, "prod", null));
        assertThat(match.headers().get("x-ver")).isEqualTo(new ValueMatch(false, "2", null));
    }

    @Test
    void queryConditionsKeepTheirNames() {
        MatchConfig match = match("{ prefix: /, query: { Tenant: { present: true } } }");

        assertThat(match.query()).containsOnlyKeys("Tenant");
        assertThat(match.query().get("Tenant").matches("x")).isTrue();
        assertThat(match.query().get("Tenant").matches(null)).isFalse();
    }

    @Test
    void aRegexConditionMatchesTheWholeValue() {
        ValueMatch condition = match("{ prefix: /, query: { v: { regex: \"[0-9]+\" } } }").query().get("v");

        assertThat(condition.matches("42")).isTrue();
        assertThat(condition.matches("v42")).isFalse();
    }

    @Test
    void reportsMalformedConditions() {
        assertThat(errorsOf(route("""
                match:
                  prefix: /
                  headers:
                    "X Bad": a
                    X-Env: a
                    x-env: b
                    X-None:
                    X-Two: { exact: a, regex: b }
                    X-Absent: { present: false }
                    X-Re: { regex: "(" }
                    X-Typo: { exakt: a }
                """))).containsExactly(
                "routes[0].match.headers.X Bad: \"X Bad\" is not a valid header name",
                "routes[0].match.headers.x-env: duplicate header \"x-env\" (also at routes[0].match.headers.X-Env)",
                "routes[0].match.headers.X-None: expected a value, or a map with one of present, exact or regex",
                "routes[0].match.headers.X-Two: expected exactly one of present, exact or regex",
                "routes[0].match.headers.X-Absent.present: expected true (matching an absent value is not supported)",
                "routes[0].match.headers.X-Re.regex: invalid regex \"(\": Unclosed group near index 1",
                "routes[0].match.headers.X-Typo.exakt: unknown key (allowed: present, exact, regex)",
                "routes[0].match.headers.X-Typo: expected exactly one of present, exact or regex");
    }
}
