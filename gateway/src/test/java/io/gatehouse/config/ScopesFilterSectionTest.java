package io.gatehouse.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ScopesFilterSectionTest {

    private static final String PATH = "routes[0].filters[1].scopes";

    private final ConfigErrors errors = new ConfigErrors();

    private ScopesFilterConfig parse(String yaml) {
        return ScopesFilterSection.parse(FilterSettingsFixtures.settings(yaml, PATH, errors));
    }

    @Test
    void readsAllOrAnyAndScopesByMethod() {
        assertThat(parse("{ all: [read], methods: { POST: [write], delete: [write, admin] } }")).isEqualTo(
                new ScopesFilterConfig(true, List.of("read"),
                        Map.of("POST", List.of("write"), "DELETE", List.of("write", "admin"))));
        assertThat(parse("{ any: [read, admin] }"))
                .isEqualTo(new ScopesFilterConfig(false, List.of("read", "admin"), Map.of()));
        assertThat(parse("{ methods: { PUT: [write] } }"))
                .isEqualTo(new ScopesFilterConfig(true, List.of(), Map.of("PUT", List.of("write"))));
        assertThat(errors.messages()).isEmpty();
    }

    @Test
    void reportsEachProblem() {
        assertThat(parse("{ all: [a], any: [b] }")).isNull();
        assertThat(parse("{}")).isNull();
        assertThat(parse("{ all: [\"has space\", a, a], methods: { \"GE T\": [x], post: [], POST: [y] } }")).isNull();
        assertThat(errors.messages()).containsExactly(
                PATH + ": all and any are exclusive, got all and any",
                PATH + ": expected all or any (scopes every request needs), methods (scopes by request method), or "
                        + "both",
                PATH + ".all[0]: expected a scope of visible ASCII without \" or \\, got \"has space\"",
                PATH + ".all[2]: duplicate scope \"a\" (also at " + PATH + ".all[1])",
                PATH + ".methods.GE T: expected an HTTP method name, got \"GE T\"",
                PATH + ".methods.post: expected at least one scope",
                PATH + ".methods.POST: method POST is listed twice");
    }
}
