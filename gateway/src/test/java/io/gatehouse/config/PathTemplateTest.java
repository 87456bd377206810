package io.gatehouse.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gatehouse.config.PathTemplate.Segment;
import org.junit.jupiter.api.Test;

class PathTemplateTest {

    @Test
    void splitsLiteralAndVariableSegments() {
        PathTemplate template = PathTemplate.parse("/v1/models/{name}:predict/{id}");

        assertThat(template.variables()).containsExactly("name", "id");
        assertThat(template.segments()).containsExactly(
                new Segment(null, "v1"), new Segment(null, "models"), new Segment("name", ":predict"),
                new Segment("id", ""));
        assertThat(template.text()).isEqualTo("/v1/models/{name}:predict/{id}");
    }

    @Test
    void aPathWithoutBracesHasNoVariables() {
        assertThat(PathTemplate.parse("/").variables()).isEmpty();
        assertThat(PathTemplate.parse("/health/live").segments())
                .containsExactly(new Segment(null, "health"), new Segment(null, "live"));
    }

    @Test
    void explainsWhatIsWrong() {
        assertThatThrownBy(() -> PathTemplate.parse("users"))
                .hasMessage("expected a path starting with \"/\", got \"users\"");
        assertThatThrownBy(() -> PathTemplate.parse("/users/{id"))
                .hasMessage("unbalanced braces in \"/users/{id\"");
        assertThatThrownBy(() -> PathTemplate.parse("/users/id}"))
                .hasMessage("unbalanced braces in \"/users/id}\"");
        assertThatThrownBy(() -> PathTemplate.parse("/users/v{id}"))
                .hasMessage("a variable must begin its segment, got \"v{id}\" in \"/users/v{id}\"");
        assertThatThrownBy(() -> PathTemplate.parse("/a/{x}{y}"))
                .hasMessage("expected at most one variable per segment, got \"{x}{y}\" in \"/a/{x}{y}\"");
        assertThatThrownBy(() -> PathTemplate.parse("/a/{1x}"))
                .hasMessage("invalid variable name \"1x\" in \"/a/{1x}\" (expected letters, digits and _, not "
                        + "starting with a digit)");
        assertThatThrownBy(() -> PathTemplate.parse("/a/{id}/b/{id}"))
                .hasMessage("variable \"id\" appears twice in \"/a/{id}/b/{id}\"");
    }
}
