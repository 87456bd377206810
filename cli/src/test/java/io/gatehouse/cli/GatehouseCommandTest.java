package io.gatehouse.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GatehouseCommandTest {

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        return GatehouseCommand.execute(new PrintWriter(out, true), new PrintWriter(err, true), args);
    }

    @Test
    void versionAndHelpExitZero() {
        assertThat(run("--version")).isZero();
        assertThat(out.toString()).startsWith("gatehouse ");
        assertThat(run("--help")).isZero();
        assertThat(out.toString()).contains("run", "validate", "demo");
    }

    @Test
    void unknownOptionIsOneLineAndExitTwo() {
        assertThat(run("run", "--bogus")).isEqualTo(2);
        assertThat(err.toString().strip().lines()).hasSize(1);
        assertThat(err.toString()).contains("--bogus");
    }

    @Test
    void missingConfigFileIsOneLineAndExitTwo() {
        assertThat(run("validate", "-c", "no/such/file.yaml")).isEqualTo(2);
        assertThat(err.toString().strip()).isEqualTo("gatehouse: config file not found: no/such/file.yaml (see --help)");
    }

    @Test
    void validateAcceptsTheDefaultConfig() {
        assertThat(run("validate", "-c", "../config/gatehouse.yaml")).isZero();
        assertThat(out.toString()).contains("ok");
    }

    @Test
    void validatePrintsEveryErrorAndExitsOne(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("bad.yaml");
        Files.writeString(file, """
                upstreams:
                  a: { endpoints: [ { address: "nohostport" } ] }
                routes:
                  - { name: r, match: { prefix: / }, upstream: b, bogus: 1 }
                """);
        assertThat(run("validate", "-c", file.toString())).isEqualTo(1);
        assertThat(err.toString())
                .contains("upstreams.a.endpoints[0].address")
                .contains("routes[0].upstream")
                .contains("routes[0].bogus");
    }
}
