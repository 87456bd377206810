package io.gatehouse.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.gatehouse.filter.FilterRegistry;
import io.gatehouse.testing.TestCertificates;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Keeps docs/security.md and the admin API page true to the code: every YAML block loads, with the environment
 * variables, key file and certificates the page says its examples read. A {@code # route snippet} is placed in a
 * route of a config with a consumer, a {@code # upstream snippet} in an upstream; other blocks are whole configs.
 */
class SecurityDocTest {

    private static final Pattern YAML_BLOCK = Pattern.compile("```yaml\n(.*?)```", Pattern.DOTALL);
    private static final String ROUTE_SNIPPET = "# route snippet\n";
    private static final String UPSTREAM_SNIPPET = "# upstream snippet\n";
    private static final Map<String, String> ENV = Map.of(
            "ALICE_KEY", "alice-example-key-0001",
            "ALICE_PASSWORD", "example-password",
            "JWT_SECRET", "0123456789abcdef0123456789abcdef",
            "INTROSPECTION_SECRET", "secret",
            "GATEHOUSE_ADMIN_TOKEN", "example-admin-token-0123456789");
    private static final String ROUTE_CONTEXT = """
            consumers:
              - { name: alice, groups: [staff], credentials: { key-auth: [ { key: "${ALICE_KEY}" } ] } }
            upstreams:
              users: { endpoints: [{ address: "127.0.0.1:9001" }] }
            routes:
              - name: example
                match: { prefix: / }
                upstream: users
            """;
    private static final String UPSTREAM_CONTEXT = """
            routes:
              - { name: example, match: { prefix: / }, upstream: users }
            upstreams:
              users:
            """;

    @TempDir
    static Path directory;

    /** The files the examples name, beside the config. */
    @BeforeAll
    static void writeExampleFiles() throws IOException {
        Files.createDirectories(directory.resolve("keys"));
        Files.writeString(directory.resolve("keys/ops.key"), "ops-example-key-0003\n");
        Path certs = Files.createDirectories(directory.resolve("certs"));
        TestCertificates servers = TestCertificates.authority(certs, "internal-ca");
        servers.server("api.example.com", "api.example.com");
        servers.server("wildcard.example.org", "*.example.org");
        servers.server("api", "api.example.net");
        servers.server("partners", "partners.example.com");
        servers.subject("gatehouse-client", "CN=gatehouse,O=Example");
        TestCertificates.authority(certs, "partner-ca");
        TestCertificates.authority(certs, "clients-ca");
    }

    @TestFactory
    Stream<DynamicTest> everyYamlBlockLoads() {
        return Stream.of("security.md", "admin-api.md").flatMap(name -> {
            String doc = read(Path.of("..", "docs", name));
            Matcher matcher = YAML_BLOCK.matcher(doc);
            Stream.Builder<DynamicTest> tests = Stream.builder();
            while (matcher.find()) {
                int line = (int) doc.substring(0, matcher.start()).lines().count() + 1;
                String yaml = matcher.group(1);
                tests.add(DynamicTest.dynamicTest(name + " block at line " + line, () -> load(yaml)));
            }
            return tests.build();
        });
    }

    private static void load(String yaml) {
        String config = yaml.startsWith(ROUTE_SNIPPET) ? ROUTE_CONTEXT + yaml.indent(4)
                : yaml.startsWith(UPSTREAM_SNIPPET) ? UPSTREAM_CONTEXT + yaml.indent(4) : yaml;
        GatewayConfig loaded = new ConfigLoader(FilterRegistry.builtins(), ENV::get)
                .parse(config, directory.resolve("gatehouse.yaml"));
        assertThat(loaded.routes().size() + loaded.listeners().size()).as("what the block configures").isPositive();
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
