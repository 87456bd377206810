package io.gatehouse.config;

import static io.gatehouse.config.ConfigFixtures.RATE_LIMIT_REGISTERED;
import static io.gatehouse.config.ConfigFixtures.errorsOf;
import static io.gatehouse.config.ConfigFixtures.rateLimitErrors;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LimiterReferencesTest {

    private static final String CONFIG = ConfigFixtures.UPSTREAM_USERS + """
            limiters:
              per-client: { key: client-address, token-bucket: { capacity: 20, rate: 10/s } }
              per-user: { key: [consumer, "path:id"], fixed-window: { limit: 100, window: 1m } }
              per-model: { key: "path:name", sliding-window: { limit: 1000, window: 1m } }
            """;

    /** {@link #CONFIG} with one route {@code r} matching {@code match}, with {@code filters} under it. */
    private static String route(String match, String filters) {
        return CONFIG + "routes:\n  - name: r\n    upstream: users\n    match: " + match + "\n    filters:\n"
                + filters.stripTrailing().indent(6);
    }

    @Test
    void namedLimitersMustExist() {
        assertThat(rateLimitErrors(route("{ prefix: / }", """
                - rate-limit: { limiters: [per-client, per-clinet] }
                - headers: { request: { set: { X-A: "1" } } }
                - rate-limit: { limiters: quota }
                """))).containsExactly(
                "routes[0].filters[0].rate-limit.limiters[1]: unknown limiter \"per-clinet\" (known: per-client, "
                        + "per-model, per-user)",
                "routes[0].filters[2].rate-limit.limiters: unknown limiter \"quota\" (known: per-client, per-model, "
                        + "per-user)");
        assertThat(rateLimitErrors(ConfigFixtures.route("""
                match: { prefix: / }
                filters: [ rate-limit: { limiters: [a] } ]
                """))).containsExactly("routes[0].filters[0].rate-limit.limiters[0]: unknown limiter \"a\" "
                + "(known: none)");
    }

    @Test
    void aFilterWithItsOwnPhaseOrTimeoutIsCheckedAlike() {
        assertThat(rateLimitErrors(route("{ prefix: / }", """
                - rate-limit: { limiters: [per-clinet] }
                  phase: observe
                  timeout: 1s
                """))).containsExactly(
                "routes[0].filters[0].rate-limit.limiters[0]: unknown limiter \"per-clinet\" (known: per-client, "
                        + "per-model, per-user)");
    }

    @Test
    void aLimiterThatIsInvalidItselfIsStillKnownByName() {
        assertThat(rateLimitErrors(ConfigFixtures.UPSTREAM_USERS + """
                limiters:
                  broken: { key: route }
                routes:
                  - { name: r, upstream: users, match: { prefix: / }, filters: [ rate-limit: { limiters: broken } ] }
                """)).containsExactly(
                "limiters.broken: expected one of token-bucket, leaky-bucket, fixed-window or sliding-window");
    }

    @Test
    void pathVariablesOfNamedLimitersMustBeInTheRoutesTemplate() {
        assertThat(rateLimitErrors(route("{ path: \"/users/{id}/models/{name}\" }", """
                - rate-limit: { limiters: [per-client, per-user, per-model] }
                """))).isEmpty();
        assertThat(rateLimitErrors(route("{ path: \"/users/{uid}\" }", """
                - rate-limit: { limiters: [per-user, per-client, per-model] }
                """))).containsExactly(
                "routes[0].filters[0].rate-limit.limiters[0]: limiter \"per-user\": path variable \"id\" is not "
                        + "in the route's path \"/users/{uid}\" (variables: uid)",
                "routes[0].filters[0].rate-limit.limiters[2]: limiter \"per-model\": path variable \"name\" is "
                        + "not in the route's path \"/users/{uid}\" (variables: uid)");
        assertThat(rateLimitErrors(route("{ path: /health }", "- rate-limit: { limiters: per-model }")))
                .containsExactly("routes[0].filters[0].rate-limit.limiters: limiter \"per-model\": path "
                        + "variable \"name\" is not in the route's path \"/health\" (variables: none)");
    }

    @Test
    void pathVariablesNeedARouteMatchedByATemplate() {
        assertThat(rateLimitErrors(route("{ prefix: /users }", "- rate-limit: { limiters: [per-user] }")))
                .containsExactly("routes[0].filters[0].rate-limit.limiters[0]: limiter \"per-user\": path "
                        + "variable \"id\" needs a route matched by a path template (match.path)");
        assertThat(rateLimitErrors(route("{ regex: \"^/users/.*\" }", """
                - rate-limit: { key: "path:id", token-bucket: { capacity: 5, rate: 1/s } }
                """))).containsExactly("routes[0].filters[0].rate-limit.key: path variable \"id\" needs a route "
                + "matched by a path template (match.path)");
    }

    @Test
    void pathVariablesOfInlineLimitersMustBeInTheRoutesTemplate() {
        String inline = "- rate-limit: { key: [route, \"path:id\", \"path:name\"], "
                + "token-bucket: { capacity: 5, rate: 1/s } }";
        assertThat(rateLimitErrors(route("{ path: \"/users/{id}/models/{name}\" }", inline))).isEmpty();
        assertThat(rateLimitErrors(route("{ path: \"/models/{name}:predict\" }", inline))).containsExactly(
                "routes[0].filters[0].rate-limit.key[1]: path variable \"id\" is not in the route's path "
                        + "\"/models/{name}:predict\" (variables: name)");
    }

    @Test
    void eachRouteIsCheckedAgainstItsOwnTemplate() {
        assertThat(rateLimitErrors(CONFIG.replace("per-user:", "x:") + """
                routes:
                  - { name: a, upstream: users, match: { path: "/a/{id}" }, filters: [ rate-limit: { limiters: x } ] }
                  - { name: b, upstream: users, match: { path: "/b/{name}" }, filters: [ rate-limit: { limiters: x } ] }
                """)).containsExactly("routes[1].filters[0].rate-limit.limiters: limiter \"x\": path "
                + "variable \"id\" is not in the route's path \"/b/{name}\" (variables: name)");
    }

    @Test
    void filtersAndRoutesThatAreInvalidThemselvesAreNotCheckedFurther() {
        assertThat(rateLimitErrors(route("{ path: \"/users/{id\" }", """
                - rate-limit: { limiters: [per-user] }
                """))).isEmpty();
        assertThat(rateLimitErrors(CONFIG + """
                routes:
                  - { name: r, upstream: users, filters: [ rate-limit: { limiters: per-user } ] }
                  - { name: s, upstream: users, match: { prefix: / }, filters: [ rate-limit: { limiters: [x, x] } ] }
                  - { name: t, upstream: users, match: { prefix: / }, filters: { rate-limit: { limiters: [x] } } }
                """)).containsExactly(
                "routes[1].filters[0].rate-limit.limiters[1]: duplicate limiter \"x\" (also at "
                        + "routes[1].filters[0].rate-limit.limiters[0])");
    }

    @Test
    void theLoaderChecksReferencesOnceTheRateLimitFilterIsRegistered() {
        String config = route("{ prefix: / }", "- rate-limit: { limiters: [quota] }");
        String unknownLimiter = "routes[0].filters[0].rate-limit.limiters[0]: unknown limiter \"quota\" (known: "
                + "per-client, per-model, per-user)";

        assertThat(rateLimitErrors(config)).containsExactly(unknownLimiter);
        if (RATE_LIMIT_REGISTERED) {
            assertThat(errorsOf(config)).containsExactly(unknownLimiter);
        } else {
            assertThat(errorsOf(config)).singleElement().asString()
                    .startsWith("routes[0].filters[0]: unknown filter \"rate-limit\"");
        }
    }
}
