package io.gatehouse.upstream.discovery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.gatehouse.config.ConfigException;
import io.gatehouse.config.EndpointConfig;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EndpointFileParserTest {

    private static final List<EndpointConfig> TWO = List.of(new EndpointConfig("10.0.0.1", 80, 1),
            new EndpointConfig("::1", 81, 3));

    private static List<EndpointConfig> parse(String name, String content) {
        return EndpointFileParser.parse(content.getBytes(StandardCharsets.UTF_8), Path.of("/etc/gatehouse", name));
    }

    private static List<String> errors(String name, String content) {
        ConfigException e = catchThrowableOfType(ConfigException.class, () -> parse(name, content));
        assertThat(e).as("a ConfigException").isNotNull();
        assertThat(e.getMessage()).startsWith("/etc/gatehouse/" + name + ": ");
        return e.errors();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "e.yaml | 'endpoints:\n  - address: 10.0.0.1:80\n  - { address: \"[::1]:81\", weight: 3 }\n'",
        "e.yml  | '- address: 10.0.0.1:80\n- address: \"[::1]:81\"\n  weight: 3\n'",
        "e.json | '{\"endpoints\": [{\"address\": \"10.0.0.1:80\"}, {\"address\": \"[::1]:81\", \"weight\": 3}]}'",
        "e.json | '[\n\t{\"address\": \"10.0.0.1:80\"},\n\t{\"address\": \"[::1]:81\", \"weight\": 3}\n]'",
    })
    void readsBothShapesInYamlAndJson(String name, String content) {
        assertThat(parse(name, content.replace("\\n", "\n").replace("\\t", "\t"))).isEqualTo(TWO);
    }

    @Test
    void keepsNamesAsWritten() {
        assertThat(parse("e.yaml", "[ { address: \"Backend.internal:8080\" } ]"))
                .containsExactly(new EndpointConfig("Backend.internal", 8080, 1));
    }

    @Test
    void reportsEveryProblemWithItsPath() {
        assertThat(errors("e.yaml", """
                endpoints:
                  - { address: "10.0.0.1:80" }
                  - { address: "10.0.0.1:80", weight: 0 }
                  - { address: "x" }
                  - { address: "[zz]:80", port: 3 }
                  - { weight: 2 }
                  - { address: "::1:80" }
                  - { address: "a:0", weight: "2" }
                  - "10.0.0.9:80"
                  - { address: 8080, weight: 2.5 }
                extra: 1
                """)).containsExactly(
                "extra: unknown key (allowed: endpoints)",
                "endpoints[1].weight: expected an integer >= 1, got 0",
                "endpoints[1].address: duplicate address \"10.0.0.1:80\" (also at endpoints[0].address)",
                "endpoints[2].address: expected \"host:port\", got \"x\"",
                "endpoints[3].port: unknown key (allowed: address, weight)",
                "endpoints[3].address: expected \"host:port\" with a valid IPv6 address in brackets, got \"[zz]:80\"",
                "endpoints[4].address: required",
                "endpoints[5].address: expected \"host:port\" with an IPv6 host in brackets like \"[::1]:9001\","
                        + " got \"::1:80\"",
                "endpoints[6].weight: expected an integer >= 1, got \"2\"",
                "endpoints[6].address: expected \"host:port\" with a port from 1 to 65535, got \"a:0\"",
                "endpoints[7]: expected a map with keys address, weight, got \"10.0.0.9:80\"",
                "endpoints[8].weight: expected an integer >= 1, got 2.5",
                "endpoints[8].address: expected \"host:port\", got 8080");
    }

    @Test
    void aTopLevelListHasPathsWithoutAKey() {
        assertThat(errors("e.yaml", "- { address: \"a b:80\" }\n")).containsExactly(
                "[0].address: expected \"host:port\" with a host name or IP address, got \"a b:80\"");
    }

    @Test
    void anEmptyListIsRejectedRatherThanLeavingTheUpstreamWithoutEndpoints() {
        assertThat(errors("e.yaml", "endpoints: []\n")).containsExactly(
                "endpoints: expected at least one endpoint; an empty list would leave the upstream without any");
        assertThat(errors("e.json", "[]")).containsExactly(
                "expected at least one endpoint; an empty list would leave the upstream without any");
    }

    @Test
    void rejectsFilesOfTheWrongShape() {
        assertThat(errors("e.yaml", "")).containsExactly(
                "the file is empty; expected a list of endpoints or a map with the key \"endpoints\"");
        assertThat(errors("e.yaml", "just text\n")).containsExactly(
                "expected a list of endpoints or a map with the key \"endpoints\", got \"just text\"");
        assertThat(errors("e.yaml", "{}\n")).containsExactly("endpoints: required");
        assertThat(errors("e.yaml", "endpoints: 10.0.0.1:80\n")).containsExactly(
                "endpoints: expected a list of endpoints, got \"10.0.0.1:80\"");
    }

    @Test
    void syntaxErrorsSayWhere() {
        assertThat(errors("e.yaml", "endpoints:\n  - { address: \"10.0.0.1:80\"\n")).singleElement()
                .isEqualTo("invalid YAML at line 2, column 29: while parsing a flow mapping;"
                        + " expected ',' or '}', but got <stream end>");
        assertThat(errors("e.json", "{\"endpoints\": [}")).singleElement()
                .asString().startsWith("invalid JSON at line 1, column 16: Unexpected close marker '}'");
        assertThat(errors("e.yaml", "endpoints: []\nendpoints: []\n")).singleElement()
                .asString().startsWith("invalid YAML at line 2, column ").contains("Duplicate field 'endpoints'");
    }
}
