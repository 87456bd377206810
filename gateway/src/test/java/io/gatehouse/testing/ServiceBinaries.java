package io.gatehouse.testing;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;

/**
 * Finds the binary of a service that tests run as a real process (such as redis-server). A missing binary skips the
 * calling test or class with a message naming the Debian package to install, so a machine with only a JDK still
 * passes; under {@code -Dgatehouse.services=required} (what CI sets) it fails instead, as nothing may be skipped
 * silently there.
 *
 * <p>Look for the binary (start the service) in {@code @BeforeEach} or the test itself, not in {@code @BeforeAll}:
 * surefire counts the tests of a class aborted in {@code @BeforeAll} neither as run nor as skipped.
 */
public final class ServiceBinaries {

    /** The system property: {@code optional} (the default) or {@code required}. */
    public static final String POLICY_PROPERTY = "gatehouse.services";

    private ServiceBinaries() {
    }

    /** The executable {@code binary} on PATH; skips or fails when there is none (see the class comment). */
    public static Path find(String binary, String debianPackage) {
        return find(binary, debianPackage, System.getenv().getOrDefault("PATH", ""),
                System.getProperty(POLICY_PROPERTY, ""));
    }

    static Path find(String binary, String debianPackage, String searchPath, String policy) {
        boolean required = switch (policy) {
            case "", "optional" -> false;
            case "required" -> true;
            default -> throw new IllegalArgumentException("expected " + POLICY_PROPERTY
                    + " to be optional or required, got '" + policy + "'");
        };
        for (String directory : searchPath.split(File.pathSeparator)) {
            if (directory.isEmpty()) {
                continue;
            }
            Path candidate = Path.of(directory, binary);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        String missing = binary + " not found: apt-get install " + debianPackage;
        if (required) {
            throw new AssertionError(missing + " (" + POLICY_PROPERTY + "=required, so a missing service fails)");
        }
        return Assumptions.abort(missing);
    }
}
