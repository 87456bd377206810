package io.gatehouse.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import io.gatehouse.filter.FilterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Loads a {@link GatewayConfig} from YAML: parses it into a tree, expands {@code ${VAR}} in string values, then reads
 * the tree by hand so that every problem is reported at once with its path. Loading a file blocks; never call it on
 * an event loop.
 */
public final class ConfigLoader {

    private static final YAMLMapper YAML = YAMLMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    private final FilterRegistry filters;
    private final EnvSubstitution substitution;

    /** @param env looks up environment variables; {@code System::getenv} in production */
    public ConfigLoader(FilterRegistry filters, Function<String, String> env) {
        this.filters = filters;
        this.substitution = new EnvSubstitution(env);
    }

    /**
     * Reads and parses {@code file}; a file that cannot be read is a {@link ConfigException} naming it. Relative
     * paths in it are resolved against its directory.
     */
    public GatewayConfig load(Path file) {
        String yaml;
        try {
            yaml = Files.readString(file);
        } catch (IOException e) {
            throw new ConfigException(file.toString(), List.of("cannot read the file: " + describe(e)));
        }
        return parse(yaml, file);
    }

    /**
     * Parses {@code yaml}, the content of {@code file} read by the caller: problems name the file, and relative paths
     * in it are resolved against its directory.
     *
     * @throws ConfigException listing every problem found
     */
    public GatewayConfig parse(String yaml, Path file) {
        return parse(yaml, file.toString(), file.toAbsolutePath().getParent());
    }

    /**
     * Parses {@code yaml} that comes from no file: relative paths in it are resolved against the working directory.
     *
     * @param sourceName names the text in the exception
     * @throws ConfigException listing every problem found
     */
    public GatewayConfig parse(String yaml, String sourceName) {
        return parse(yaml, sourceName, Path.of("").toAbsolutePath());
    }

    private GatewayConfig parse(String yaml, String sourceName, Path baseDirectory) {
        ConfigErrors errors = new ConfigErrors();
        JsonNode tree = readTree(yaml, errors);
        if (tree != null && (tree.isMissingNode() || tree.isNull())) {
            errors.add("", "the config is empty; expected a map with keys " + String.join(", ", GatewaySection.KEYS));
        }
        errors.throwIfAny(sourceName);
        Set<String> fromEnvironment = new HashSet<>();
        Set<String> unexpanded = substitution.applyTo(tree, errors, fromEnvironment);
        GatewayConfig config = GatewaySection.gateway(ConfigNode.root(tree, errors, unexpanded,
                new Secrets(baseDirectory, fromEnvironment)), filters);
        errors.throwIfAny(sourceName);
        return config;
    }

    /** Parses YAML (or JSON) text into a tree; null after recording a syntax error or an alias. */
    static JsonNode readTree(String yaml, ConfigErrors errors) {
        try {
            String alias = firstAlias(yaml);
            if (alias != null) {
                errors.add("", alias);
                return null;
            }
            return YAML.readTree(yaml);
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            String where = at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
            errors.add("", "invalid YAML" + where + ": " + problem(e.getOriginalMessage()));
            return null;
        }
    }

    /**
     * Where the text uses a YAML alias ({@code *name}), described; null when it uses none. The tree reader would read
     * an alias as the plain string {@code name}, so that the error would speak of a wrong type far from the cause.
     */
    private static String firstAlias(String yaml) throws JsonProcessingException {
        try (YAMLParser parser = (YAMLParser) YAML.createParser(yaml)) {
            while (parser.nextToken() != null) {
                if (parser.isCurrentAlias()) {
                    JsonLocation at = parser.currentTokenLocation();
                    return "YAML aliases are not supported: *" + parser.getText() + " at line " + at.getLineNr()
                            + ", column " + at.getColumnNr() + "; write the value out where it is used";
                }
            }
            return null;
        } catch (JsonProcessingException e) {
            throw e;
        } catch (IOException e) {
            throw new UncheckedIOException("reading a string cannot fail", e);
        }
    }

    /** SnakeYAML's message repeats the offending line with a caret below it; keep only the sentences. */
    private static String problem(String message) {
        return message.lines()
                .filter(line -> !line.isBlank() && !Character.isWhitespace(line.charAt(0)))
                .collect(Collectors.joining("; "));
    }

    private static String describe(IOException e) {
        if (e instanceof NoSuchFileException) {
            return "no such file";
        }
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
