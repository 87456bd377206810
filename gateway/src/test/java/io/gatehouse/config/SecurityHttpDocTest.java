package io.gatehouse.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Keeps docs/security-http.md and the admin API page true to the code: each of their YAML blocks is a complete
 * config that loads (with the environment variables the examples use set).
 */
class SecurityHttpDocTest {

    private static final Pattern YAML_BLOCK = Pattern.compile("```yaml\n(.*?)```", Pattern.DOTALL);
    private static final Map<String, String> ENV = Map.of("GATEHOUSE_ADMIN_TOKEN", "example-admin-token-0123456789");

    @TestFactory
    Stream<DynamicTest> everyYamlBlockLoads() throws Exception {
        return Stream.of("security-http.md", "admin-api.md").flatMap(name -> {
            String doc = read(Path.of("..", "docs", name));
            Matcher matcher = YAML_BLOCK.matcher(doc);
            Stream.Builder<DynamicTest> tests = Stream.builder();
            while (matcher.find()) {
                int line = (int) doc.substring(0, matcher.start()).lines().count() + 1;
                String yaml = matcher.group(1);
                tests.add(DynamicTest.dynamicTest(name + " block at line " + line,
                        () -> assertThat(ConfigFixtures.load(yaml, ENV).routes()).isNotEmpty()));
            }
            return tests.build();
        });
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
