package io.gatehouse.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.gatehouse.filter.FilterRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every config the project ships (the default and each example) loads, so none can drift from the code; one that
 * uses the rate-limit filter is checked as {@link ConfigFixtures#loadAndCheck} describes.
 */
class ShippedConfigsTest {

    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    static Stream<Path> shippedConfigs() throws IOException {
        try (Stream<Path> examples = Files.list(ROOT.resolve("examples"))) {
            return Stream.concat(Stream.of(ROOT.resolve("config/gatehouse.yaml")),
                    examples.filter(p -> p.toString().endsWith(".yaml")).toList().stream());
        }
    }

    @ParameterizedTest
    @MethodSource("shippedConfigs")
    void loads(Path file) throws IOException {
        ConfigLoader loader = new ConfigLoader(FilterRegistry.builtins(), Map.<String, String>of()::get);
        ConfigFixtures.loadAndCheck(Files.readString(file), () -> loader.load(file),
                config -> assertThat(ModelApiRoutes.withModelApis(config)).as("routes, or those model APIs make")
                        .isNotEmpty());
    }
}
