package io.gatehouse.serving;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The model repository on disk, laid out as TF Serving and Triton lay it out:
 * {@code <root>/<model>/<version>/model.onnx} with an optional {@code <root>/<model>/config.yaml}; versions are
 * positive integers. Read on the loader thread only: these are blocking file system calls.
 */
final class ModelRepository {

    static final String MODEL_FILE = "model.onnx";
    static final String CONFIG_FILE = "config.yaml";
    private static final Pattern MODEL_NAME = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]*");
    private static final Pattern VERSION = Pattern.compile("[1-9][0-9]{0,17}");

    private final Path root;

    ModelRepository(Path root) {
        this.root = root;
    }

    static boolean isModelName(String name) {
        return MODEL_NAME.matcher(name).matches();
    }

    /** The model directories, sorted by name. */
    List<String> models() {
        try (Stream<Path> entries = Files.list(root)) {
            return entries.filter(Files::isDirectory).map(path -> path.getFileName().toString())
                    .filter(ModelRepository::isModelName).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the model repository " + root, e);
        }
    }

    boolean exists(String model) {
        return isModelName(model) && Files.isDirectory(root.resolve(model));
    }

    /** The model file of each version directory that has one, by version. */
    SortedMap<Long, Path> versions(String model) {
        SortedMap<Long, Path> versions = new TreeMap<>();
        if (!exists(model)) {
            return versions;
        }
        List<Path> directories = new ArrayList<>();
        try (Stream<Path> entries = Files.list(root.resolve(model))) {
            entries.filter(Files::isDirectory).forEach(directories::add);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list model directory " + root.resolve(model), e);
        }
        for (Path directory : directories) {
            String name = directory.getFileName().toString();
            Path file = directory.resolve(MODEL_FILE);
            if (VERSION.matcher(name).matches() && Files.isRegularFile(file)) {
                versions.put(Long.parseLong(name), file);
            }
        }
        return versions;
    }

    ModelConfig config(String model) {
        return ModelConfigReader.read(root.resolve(model).resolve(CONFIG_FILE));
    }
}
