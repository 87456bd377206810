package io.gatehouse.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Tidying up what a test started. */
public final class TestResources {

    private TestResources() {
    }

    /**
     * Closes each resource that is not null, in the given order, even when an earlier one fails; the first failure
     * is thrown (checked exceptions wrapped) with the later ones suppressed.
     */
    public static void closeAll(AutoCloseable... resources) {
        Throwable first = null;
        for (AutoCloseable resource : resources) {
            if (resource == null) {
                continue;
            }
            try {
                resource.close();
            } catch (Throwable t) {
                if (first == null) {
                    first = t;
                } else {
                    first.addSuppressed(t);
                }
            }
        }
        if (first instanceof RuntimeException e) {
            throw e;
        } else if (first instanceof Error e) {
            throw e;
        } else if (first instanceof IOException e) {
            throw new UncheckedIOException(e);
        } else if (first != null) {
            throw new IllegalStateException(first);
        }
    }

    /** Deletes {@code directory} and the files in it (it has no subdirectories). */
    static void deleteDirectory(Path directory) {
        try (var files = Files.list(directory)) {
            for (Path path : files.toList()) {
                Files.deleteIfExists(path);
            }
            Files.deleteIfExists(directory);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
