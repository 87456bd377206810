package io.gatehouse.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.junit.jupiter.api.Test;

class AclFilterSectionTest {

    private static final String PATH = "routes[0].filters[1].acl";

    private final ConfigErrors errors = new ConfigErrors();

    private AclFilterConfig parse(String yaml) {
        return AclFilterSection.parse(FilterSettingsFixtures.settings(yaml, PATH, errors));
    }

    @Test
    void readsAllowOrDeny() {
        assertThat(parse("{ allow: [admin, staff] }")).isEqualTo(new AclFilterConfig(true, Set.of("admin", "staff")));
        assertThat(parse("{ deny: [blocked] }")).isEqualTo(new AclFilterConfig(false, Set.of("blocked")));
        assertThat(errors.messages()).isEmpty();
    }

    @Test
    void needsExactlyOneNonEmptyListOfDistinctGroups() {
        assertThat(parse("{ allow: [a], deny: [b] }")).isNull();
        assertThat(parse("{}")).isNull();
        assertThat(parse("{ allow: [] }")).isNull();
        assertThat(parse("{ deny: [a, a, \"\"] }")).isNull();
        assertThat(parse("allow")).isNull();
        assertThat(errors.messages()).containsExactly(
                PATH + ": allow and deny are exclusive, got allow and deny",
                PATH + ": expected one of allow or deny",
                PATH + ".allow: expected at least one group",
                PATH + ".deny[1]: duplicate group \"a\" (also at " + PATH + ".deny[0])",
                PATH + ".deny[2]: must not be empty",
                PATH + ": expected a map with keys allow, deny");
    }
}
