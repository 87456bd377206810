package io.gatehouse.config;

import static io.gatehouse.config.ConfigFixtures.errorsOf;
import static io.gatehouse.config.ConfigFixtures.load;
import static io.gatehouse.config.ConfigFixtures.route;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Failure conditions as a route's {@code retries.on} reads them; a breaker's {@code failures} shares the reader. */
class FailureConditionsSectionTest {

    private static FailureConditions on(String on) {
        return load(route("match: { prefix: / }\nretries: { on: " + on + " }")).routes().get(0).retries().on();
    }

    private static List<String> errors(String on) {
        return errorsOf(route("match: { prefix: / }\nretries: { on: " + on + " }"));
    }

    @Test
    void readsEachKindOfCondition() {
        FailureConditions conditions = on("[connect-failure, reset, timeout, 429, 5xx]");

        assertThat(conditions.connectFailure()).isTrue();
        assertThat(conditions.reset()).isTrue();
        assertThat(conditions.timeout()).isTrue();
        assertThat(conditions.statuses()).isEqualTo(StatusSet.parse(List.of("429", "5xx")));
        assertThat(conditions.statuses().contains(429)).isTrue();
        assertThat(conditions.statuses().contains(599)).isTrue();
        assertThat(conditions.statuses().contains(428)).isFalse();
    }

    @Test
    void readsStatusesAloneAndASingleItemWithoutBrackets() {
        assertThat(on("[503]")).isEqualTo(new FailureConditions(false, false, false,
                StatusSet.parse(List.of("503"))));
        assertThat(on("reset")).isEqualTo(new FailureConditions(false, true, false, StatusSet.NONE));
    }

    @Test
    void anUnknownConditionNamesTheKnownOnes() {
        String known = " (known: connect-failure, reset, timeout, a status from 100 to 599 like 503, a class like 5xx)";
        assertThat(errors("[reset, refused, 600, 5XX, \"\"]")).containsExactly(
                "routes[0].retries.on[1]: unknown condition \"refused\"" + known,
                "routes[0].retries.on[2]: unknown condition \"600\"" + known,
                "routes[0].retries.on[3]: unknown condition \"5XX\"" + known,
                "routes[0].retries.on[4]: must not be empty");
    }

    @Test
    void needsAtLeastOneCondition() {
        assertThat(errors("[]")).containsExactly("routes[0].retries.on: expected at least one of connect-failure, "
                + "reset, timeout, a status from 100 to 599 like 503, a class like 5xx");
        assertThat(errors("[reset, ~]")).containsExactly("routes[0].retries.on[1]: required");
    }
}
