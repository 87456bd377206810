package io.gatehouse.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class EndpointsFileTest {

    @Test
    void readsYaml() {
        assertThat(EndpointsFile.parse("""
                endpoints:
                  - { address: "10.0.0.5:8080", weight: 2 }
                  - { address: "10.0.0.6:8080" }
                """, "users.yaml")).containsExactly(new EndpointConfig("10.0.0.5", 8080, 2),
                new EndpointConfig("10.0.0.6", 8080, 1));
    }

    @Test
    void readsJson() {
        assertThat(EndpointsFile.parse("{\"endpoints\": [{\"address\": \"[::1]:80\"}]}", "users.json"))
                .containsExactly(new EndpointConfig("::1", 80, 1));
    }

    @Test
    void readsABareList() {
        assertThat(EndpointsFile.parse("- { address: \"10.0.0.5:8080\" }\n- { address: \"10.0.0.6:8080\", weight: 3 }\n",
                "users.yaml")).containsExactly(new EndpointConfig("10.0.0.5", 8080, 1),
                new EndpointConfig("10.0.0.6", 8080, 3));
    }

    @Test
    void leavesVariablesAlone() {
        assertThatThrownBy(() -> EndpointsFile.parse("endpoints: [{ address: \"${HOST}:80\" }]", "users.yaml"))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.errors()).containsExactly(
                        "endpoints[0].address: expected \"host:port\" with a host name or IP address, got "
                                + "\"${HOST}:80\""));
    }

    @Test
    void reportsEveryProblemNamingTheFile() {
        assertThatThrownBy(() -> EndpointsFile.parse("""
                endpoints:
                  - { address: "h:1", weight: -1 }
                  - { address: "h:1" }
                extra: 1
                """, "users.yaml"))
                .isInstanceOf(ConfigException.class)
                .hasMessage("users.yaml: 3 errors\n"
                        + "  extra: unknown key (allowed: endpoints)\n"
                        + "  endpoints[0].weight: expected an integer >= 1, got \"-1\"\n"
                        + "  endpoints[1].address: duplicate address \"h:1\" (also at endpoints[0].address)");
    }

    @Test
    void anEmptyOrMalformedFileIsAnError() {
        assertThatThrownBy(() -> EndpointsFile.parse("", "users.yaml"))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.errors())
                        .containsExactly("expected a map with keys endpoints"));
        assertThatThrownBy(() -> EndpointsFile.parse("endpoints: []", "users.yaml"))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.errors())
                        .containsExactly("endpoints: expected at least one endpoint"));
        assertThatThrownBy(() -> EndpointsFile.parse("endpoints: [", "users.yaml"))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.errors()).singleElement()
                        .asString().startsWith("invalid YAML at line 1"));
    }
}
