package io.gatehouse.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opentest4j.TestAbortedException;

class ServiceBinariesTest {

    @TempDir
    Path directory;

    @Test
    void findsAnExecutableOnThePath() throws IOException {
        Path binary = Files.createFile(directory.resolve("fake-server"),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        String searchPath = directory.resolve("elsewhere") + File.pathSeparator + directory;

        assertThat(ServiceBinaries.find("fake-server", "fake-package", searchPath, "required")).isEqualTo(binary);
    }

    @Test
    void skipsNamingThePackageWhenTheBinaryIsMissing() {
        assertThatThrownBy(() -> ServiceBinaries.find("fake-server", "fake-package", directory.toString(), ""))
                .isInstanceOf(TestAbortedException.class)
                .hasMessageContaining("fake-server not found: apt-get install fake-package");
        assertThatThrownBy(() -> ServiceBinaries.find("fake-server", "fake-package", directory.toString(), "optional"))
                .isInstanceOf(TestAbortedException.class);
    }

    @Test
    void failsWhenServicesAreRequired() {
        assertThatThrownBy(() -> ServiceBinaries.find("fake-server", "fake-package", directory.toString(), "required"))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("fake-server not found: apt-get install fake-package")
                .hasMessageContaining("gatehouse.services=required");
    }

    @Test
    void ignoresAFileThatIsNotExecutable() throws IOException {
        Files.createFile(directory.resolve("fake-server"));

        assertThatThrownBy(() -> ServiceBinaries.find("fake-server", "fake-package", directory.toString(), "required"))
                .isInstanceOf(AssertionError.class);
    }

    @Test
    void rejectsAnUnknownPolicy() {
        assertThatThrownBy(() -> ServiceBinaries.find("fake-server", "fake-package", directory.toString(), "maybe"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("got 'maybe'");
    }
}
