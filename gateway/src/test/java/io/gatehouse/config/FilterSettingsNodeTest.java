package io.gatehouse.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a filter factory learns about its settings besides their value. */
class FilterSettingsNodeTest {

    private static final String PATH = "routes[0].filters[0].custom";

    private final ConfigErrors errors = new ConfigErrors();

    @Test
    void knowsTheConfigsDirectoryAndWhichValuesCameFromTheEnvironment(@TempDir Path directory) {
        FilterSettingsNode settings = FilterSettingsFixtures.settings("""
                from-env: "${TOKEN}"
                written: plain
                defaulted: "${UNSET:-fallback}"
                list: [ plain, "${TOKEN}" ]
                """, PATH, errors, Map.of("TOKEN", "t0ken"), directory);

        assertThat(settings.path()).isEqualTo(PATH);
        assertThat(settings.baseDirectory()).isEqualTo(directory);
        assertThat(settings.json().get("from-env").textValue()).isEqualTo("t0ken");
        assertThat(settings.isFromEnvironment(PATH + ".from-env")).isTrue();
        assertThat(settings.isFromEnvironment(PATH + ".list[1]")).isTrue();
        assertThat(settings.isFromEnvironment(PATH + ".written")).isFalse();
        assertThat(settings.isFromEnvironment(PATH + ".defaulted")).isFalse();
        assertThat(settings.isFromEnvironment(PATH + ".list[0]")).isFalse();
        assertThat(errors.messages()).isEmpty();
    }

    @Test
    void settingsWrittenEmptyReadAsNull() {
        FilterSettingsNode settings = FilterSettingsFixtures.settings("~", PATH, errors);

        assertThat(settings.json().isNull()).isTrue();
        assertThat(settings.baseDirectory()).isEqualTo(Path.of("").toAbsolutePath());
        settings.errors().add(settings.path(), "expected a map");
        assertThat(errors.messages()).containsExactly(PATH + ": expected a map");
    }

    @Test
    void aFilterReadAgainReportsNothingMore() {
        FilterSettingsNode settings = FilterSettingsFixtures.settings("{ allow: [] }", PATH, errors);

        assertThat(AclFilterSection.parse(FilterSettingsNode.reread(settings.node()))).isNull();
        assertThat(errors.messages()).isEmpty();
        assertThat(AclFilterSection.parse(settings)).isNull();
        assertThat(errors.messages()).containsExactly(PATH + ".allow: expected at least one group");
    }
}
