package io.gatehouse.config;

import static io.gatehouse.config.ConfigFixtures.errorsOf;
import static io.gatehouse.config.ConfigFixtures.load;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ConsumerReferencesTest {

    private static final String CONSUMERS = """
            consumers:
              - { name: guest, groups: [public] }
              - { name: ops, groups: [admin, staff] }
            """;

    private static String routeWith(String filters) {
        return CONSUMERS + ConfigFixtures.route("match: { prefix: / }\nfilters:\n" + filters.stripTrailing().indent(2));
    }

    @Test
    void aValidRouteLoads() {
        GatewayConfig config = load(routeWith("""
                - auth: { any-of: [key-auth], anonymous: guest }
                - acl: { allow: [admin, public] }
                - scopes: { any: [read] }
                """));
        assertThat(config.routes().get(0).filters()).extracting(FilterSpec::name)
                .containsExactly("auth", "acl", "scopes");
    }

    @Test
    void theAnonymousConsumerMustExist() {
        assertThat(errorsOf(routeWith("- auth: { any-of: [key-auth], anonymous: nobody }"))).containsExactly(
                "routes[0].filters[0].auth.anonymous: unknown consumer \"nobody\" (known: guest, ops)");
    }

    @Test
    void theAnonymousConsumerIsCheckedWhenTheFilterReadsASecretFromTheEnvironment() {
        assertThat(errorsOf(routeWith("""
                - auth: { any-of: [jwt], jwt: { secret: "${JWT_SECRET}" }, anonymous: nobody }
                """), Map.of("JWT_SECRET", "0123456789abcdef0123456789abcdef"))).containsExactly(
                "routes[0].filters[0].auth.anonymous: unknown consumer \"nobody\" (known: guest, ops)");
    }

    @Test
    void everyAclGroupIsHeldBySomeConsumer() {
        assertThat(errorsOf(routeWith("""
                - auth: { any-of: [key-auth] }
                - acl: { deny: [staff, admins] }
                """))).containsExactly(
                "routes[0].filters[1].acl.deny[1]: no consumer is in group \"admins\" (groups: admin, public, staff)");
    }

    @Test
    void aclAndScopesNeedAnAuthFilterOnTheRoute() {
        assertThat(errorsOf(routeWith("""
                - acl: { allow: [admin] }
                - scopes: { all: [read] }
                """))).containsExactly(
                "routes[0].filters[0].acl: acl needs an auth filter on the same route: without one no request has "
                        + "an identity",
                "routes[0].filters[1].scopes: scopes needs an auth filter on the same route: without one no request "
                        + "has an identity");
    }

    @Test
    void aclAndScopesMustNotBeMovedBeforeAuth() {
        assertThat(errorsOf(routeWith("""
                - auth: { any-of: [key-auth], anonymous: nobody }
                  timeout: 2s
                - acl: { allow: [admin] }
                  phase: observe
                - scopes: { all: [read] }
                  phase: authorize
                - { acl: { deny: [public] }, phase: limit }
                """))).containsExactly(
                "routes[0].filters[0].auth.anonymous: unknown consumer \"nobody\" (known: guest, ops)",
                "routes[0].filters[1]: acl would run before auth (phases run in the order observe, resolve, "
                        + "authorize, limit, transform), when no request has an identity yet: give it a phase no "
                        + "earlier than auth's");
    }

    @Test
    void invalidFiltersAreReportedOnceByTheirOwnSection() {
        assertThat(errorsOf(routeWith("""
                - auth: { any-of: [nope], anonymous: nobody }
                - acl: { allow: [] }
                """))).containsExactly(
                "routes[0].filters[0].auth.any-of[0]: unknown authentication method \"nope\" (known: basic-auth, "
                        + "ext-auth, jwt, key-auth, mtls, oauth2-introspection)",
                "routes[0].filters[1].acl.allow: expected at least one group");
    }
}
