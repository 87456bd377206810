package io.gatehouse.config;

import static io.gatehouse.config.ConfigFixtures.UPSTREAM_USERS;
import static io.gatehouse.config.ConfigFixtures.errorsOf;
import static io.gatehouse.config.ConfigFixtures.load;
import static io.gatehouse.config.ConfigFixtures.route;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.gatehouse.filter.FilterRegistry;
import io.gatehouse.filter.Phase;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class RouteSectionTest {

    private static final String KNOWN_FILTERS =
            String.join(", ", FilterRegistry.builtins().names().stream().sorted().toList());

    @Test
    void fillsInDefaults() {
        RouteConfig route = load(route("match: { prefix: / }")).routes().get(0);

        assertThat(route.rewrite()).isEqualTo(RewriteConfig.NONE);
        assertThat(route.timeouts()).isEqualTo(new TimeoutsConfig(Duration.ofSeconds(2), Duration.ofSeconds(30),
                Duration.ofSeconds(60), Duration.ZERO, Duration.ofSeconds(10)));
        assertThat(route.maxBodySize()).isEqualTo(10L * 1024 * 1024);
        assertThat(route.priority()).isZero();
        assertThat(route.listeners()).isEmpty();
        assertThat(route.filters()).isEmpty();
        assertThat(route.retries()).isNull();
        assertThat(route.fallback()).isNull();
    }

    @Test
    void readsAnOverallDeadline() {
        RouteConfig route = load(route("match: { prefix: / }\ntimeouts: { total: 45s }")).routes().get(0);

        assertThat(route.timeouts()).isEqualTo(new TimeoutsConfig(Duration.ofSeconds(2), Duration.ofSeconds(30),
                Duration.ofSeconds(60), Duration.ofSeconds(45), Duration.ofSeconds(10)));
    }

    @Test
    void namesMatchAndUpstreamAreRequiredAndNamesUnique() {
        assertThat(errorsOf(UPSTREAM_USERS + """
                routes:
                  - { upstream: users, match: { prefix: / } }
                  - { name: a, match: { prefix: / } }
                  - { name: a, upstream: users }
                """)).containsExactly(
                "routes[0].name: required",
                "routes[1].upstream: required",
                "routes[2].name: duplicate name \"a\" (also at routes[1].name)",
                "routes[2].match: required");
    }

    @Test
    void upstreamsAndListenersMustExist() {
        assertThat(errorsOf("""
                listeners: [{ name: public, port: 80 }, { name: internal, port: 81 }]
                upstreams:
                  users: { endpoints: [{ address: "h:1" }] }
                  models: { endpoints: [{ address: "h:2" }] }
                routes:
                  - name: r
                    match: { prefix: / }
                    upstream: modelz
                    listeners: [public, admin]
                """)).containsExactly(
                "routes[0].upstream: unknown upstream \"modelz\" (known: models, users)",
                "routes[0].listeners[1]: unknown listener \"admin\" (known: internal, public)");
    }

    @Test
    void reportsMalformedSettings() {
        assertThat(errorsOf(route("""
                match: { prefix: / }
                timeouts: { connect: fast, read: 1s, total: -1s, filter: 0s }
                max-body-size: lots
                priority: high
                retry: 3
                """))).containsExactly(
                "routes[0].retry: unknown key (allowed: name, match, upstream, rewrite, timeouts, retries, fallback, "
                        + "max-body-size, priority, listeners, filters)",
                "routes[0].timeouts.read: unknown key (allowed: connect, response, idle, total, filter)",
                "routes[0].timeouts.connect: expected a duration like 250ms, 10s or 5m, got \"fast\"",
                "routes[0].timeouts.total: expected a duration like 250ms, 10s or 5m, got \"-1s\"",
                "routes[0].timeouts.filter: expected a duration above 0, got \"0s\"",
                "routes[0].max-body-size: expected a size like 512B, 64KiB, 10MiB or 1GiB, got \"lots\"",
                "routes[0].priority: expected an integer, got \"high\"");
    }

    @Test
    void filtersAreMapsFromOneNameToSettingsParsedByTheirFactory() {
        assertThat(errorsOf(route("""
                match: { prefix: / }
                filters:
                  - compress: { level: 6 }
                  - headers: { request: { set: { "X A": "1" } } }
                  - { headers: {}, cors: {} }
                  - headers
                  - { phase: observe, timeout: 1s }
                """))).containsExactly(
                "routes[0].filters[0]: unknown filter \"compress\" (known: " + KNOWN_FILTERS + ")",
                "routes[0].filters[1].headers.request.set.X A: \"X A\" is not a valid header name",
                "routes[0].filters[2]: expected one filter per item, got headers and cors (give each its own)",
                "routes[0].filters[3]: expected a map from a filter name to its settings, like \"- headers: {...}\", "
                        + "optionally with phase and timeout beside the name",
                "routes[0].filters[4]: expected a map from a filter name to its settings, like \"- headers: {...}\", "
                        + "optionally with phase and timeout beside the name");
    }

    @Test
    void aFilterMayRunInAnotherPhaseAndBoundItsPendingDecision() {
        RouteConfig route = load(route("""
                match: { prefix: / }
                filters:
                  - rate-limit: { key: client-address, token-bucket: { capacity: 5, rate: 1/s } }
                    phase: observe
                    timeout: 250ms
                  - headers: {}
                """)).routes().get(0);

        assertThat(route.filters()).extracting(FilterSpec::name, FilterSpec::phase, FilterSpec::timeout)
                .containsExactly(tuple("rate-limit", Phase.OBSERVE, Duration.ofMillis(250)),
                        tuple("headers", null, null));
    }

    @Test
    void anUnknownPhaseListsThePhasesInTheOrderTheyRunAndATimeoutMustBePositive() {
        assertThat(errorsOf(route("""
                match: { prefix: / }
                filters:
                  - { headers: {}, phase: early, timeout: 0ms }
                  - { headers: {}, phase: [observe], timeout: soon }
                """))).containsExactly(
                "routes[0].filters[0].phase: unknown phase \"early\" (expected one of observe, resolve, authorize, "
                        + "limit, transform, in the order they run)",
                "routes[0].filters[0].timeout: expected a duration above 0, got \"0ms\"",
                "routes[0].filters[1].phase: expected a string",
                "routes[0].filters[1].timeout: expected a duration like 250ms, 10s or 5m, got \"soon\"");
    }

    @Test
    void emptyRoutesAreValid() {
        assertThat(load("routes: []\n").routes()).isEmpty();
        assertThat(load("upstreams: {}\n").routes()).isEmpty();
    }
}
