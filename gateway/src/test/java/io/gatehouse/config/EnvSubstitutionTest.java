package io.gatehouse.config;

import static io.gatehouse.config.ConfigFixtures.errorsOf;
import static io.gatehouse.config.ConfigFixtures.load;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class EnvSubstitutionTest {

    private final EnvSubstitution substitution =
            new EnvSubstitution(Map.of("HOST", "users.internal", "EMPTY", "")::get);

    @Test
    void expandsVariablesAndDefaults() {
        assertThat(substitution.expand("${HOST}:9001")).isEqualTo("users.internal:9001");
        assertThat(substitution.expand("${PORT:-9001}")).isEqualTo("9001");
        assertThat(substitution.expand("${HOST:-other}")).isEqualTo("users.internal");
        assertThat(substitution.expand("a${HOST}b${PORT:-}c")).isEqualTo("ausers.internalbc");
    }

    @Test
    void aDefaultAlsoReplacesAnEmptyValue() {
        assertThat(substitution.expand("${EMPTY:-fallback}")).isEqualTo("fallback");
        assertThat(substitution.expand("[${EMPTY}]")).isEqualTo("[]");
    }

    @Test
    void doubleDollarEscapesALiteralPlaceholder() {
        assertThat(substitution.expand("$${HOST}")).isEqualTo("${HOST}");
        assertThat(substitution.expand("cost: $5")).isEqualTo("cost: $5");
    }

    @Test
    void explainsWhatCannotBeExpanded() {
        assertThatThrownBy(() -> substitution.expand("${MISSING}"))
                .hasMessage("environment variable \"MISSING\" is not set (write ${MISSING:-default} to give a default)");
        assertThatThrownBy(() -> substitution.expand("${1X}"))
                .hasMessage("invalid variable name \"1X\" in \"${1X}\"");
        assertThatThrownBy(() -> substitution.expand("x${HOST"))
                .hasMessage("unclosed \"${\" in \"x${HOST\" (write $${ for a literal ${)");
    }

    @Test
    void expandsStringValuesOfTheConfigButNotKeys() {
        GatewayConfig config = load("""
                admin: { address: "${ADMIN_ADDRESS:-127.0.0.1}", port: "${ADMIN_PORT}" }
                upstreams:
                  "${NAME}":
                    endpoints: [{ address: "${USERS_HOST}:9001" }]
                routes:
                  - name: r
                    match: { prefix: "/" }
                    upstream: "$${NAME}"
                """, Map.of("ADMIN_PORT", "9999", "USERS_HOST", "10.1.2.3"));

        assertThat(config.admin()).isEqualTo(new AdminConfig("127.0.0.1", 9999));
        assertThat(config.upstreams()).containsOnlyKeys("${NAME}");
        assertThat(config.upstreams().get("${NAME}").endpoints())
                .containsExactly(new EndpointConfig("10.1.2.3", 9001, 1));
        assertThat(config.routes().get(0).upstream()).isEqualTo("${NAME}");
    }

    @Test
    void anUnquotedPlaceholderIsAStringInBlockStyle() {
        GatewayConfig config = load("admin:\n  port: ${ADMIN_PORT}\n", Map.of("ADMIN_PORT", "9100"));

        assertThat(config.admin().port()).isEqualTo(9100);
    }

    @Test
    void anUnsetVariableIsReportedAtItsValueAndNothingMoreIsSaidAboutIt() {
        assertThat(errorsOf("""
                admin: { port: "${ADMIN_PORT}" }
                listeners: [{ name: "${LISTENER}", port: 8080 }]
                routes: []
                """)).containsExactly(
                "admin.port: environment variable \"ADMIN_PORT\" is not set (write ${ADMIN_PORT:-default} to give a default)",
                "listeners[0].name: environment variable \"LISTENER\" is not set (write ${LISTENER:-default} to give a default)");
    }

    @Test
    void expandsInsideFilterSettings() {
        GatewayConfig config = load(ConfigFixtures.route("""
                match: { prefix: / }
                filters:
                  - headers: { request: { set: { X-Region: "${REGION}" } } }
                """), Map.of("REGION", "eu-1"));

        assertThat(config.routes().get(0).filters().get(0).settings()).hasToString(
                "HeadersSettings[request=HeaderEdits[remove=[], set={X-Region=eu-1}, add={}], "
                        + "response=HeaderEdits[remove=[], set={}, add={}]]");
    }

    @Test
    void recordsWhichValuesTookAVariableFromTheEnvironment() {
        ConfigErrors errors = new ConfigErrors();
        var tree = ConfigLoader.readTree("""
                a: "${HOST}"
                b: [ plain, "x${HOST}" ]
                c: "${UNSET:-default}"
                d: "${EMPTY}"
                e: "$${HOST}"
                """, errors);
        java.util.Set<String> fromEnvironment = new java.util.HashSet<>();

        substitution.applyTo(tree, errors, fromEnvironment);

        assertThat(fromEnvironment).containsExactlyInAnyOrder("a", "b[1]");
        assertThat(errors.messages()).isEmpty();
    }
}
