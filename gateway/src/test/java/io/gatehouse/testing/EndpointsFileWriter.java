package io.gatehouse.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** Writes a discovery endpoints file, replacing it atomically as config management tools do. */
public final class EndpointsFileWriter {

    private final Path file;

    public EndpointsFileWriter(Path file) {
        this.file = file;
    }

    public Path file() {
        return file;
    }

    /** Lists these {@code host:port} addresses, weight 1 each. */
    public void write(String... addresses) {
        writeRaw(Stream.of(addresses).map(address -> "  - { address: \"" + address + "\" }\n")
                .collect(Collectors.joining("", "endpoints:\n", "")));
    }

    /** Writes {@code content} as it is, valid or not. */
    public void writeRaw(String content) {
        try {
            Path temp = file.resolveSibling(file.getFileName() + ".tmp");
            Files.writeString(temp, content);
            Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
