package io.gatehouse.config;

import static io.gatehouse.config.ConfigFixtures.errorsOf;
import static io.gatehouse.config.ConfigFixtures.load;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AdminTokensTest {

    private static final String TOKEN = "s3cr3t-t0ken-0123456789";

    @Test
    void readsTheTokenFromTheEnvironmentAndNeverShowsIt() {
        AdminConfig admin = load("admin: { address: 0.0.0.0, token: \"${ADMIN_TOKEN}\", metrics-public: true }\n",
                Map.of("ADMIN_TOKEN", TOKEN)).admin();
        assertThat(admin.token()).isEqualTo(TOKEN);
        assertThat(admin.metricsPublic()).isTrue();
        assertThat(admin.toString()).doesNotContain(TOKEN).contains("token=(set)");
    }

    @Test
    void readsTheTokenFileWithoutItsLineBreak(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("admin-token");
        Files.writeString(file, TOKEN + "\n");
        AdminConfig admin = load("admin: { address: \"::\", token-file: \"" + file + "\" }\n").admin();
        assertThat(admin.token()).isEqualTo(TOKEN);
        assertThat(admin.metricsPublic()).isFalse();
    }

    @Test
    void loopbackNeedsNoToken() {
        assertThat(load("admin: { address: 127.0.0.2 }\n").admin().token()).isNull();
        assertThat(load("admin: { address: \"::1\" }\n").admin().token()).isNull();
    }

    @Test
    void anyOtherAddressRefusesToLoadWithoutAToken() {
        assertThat(errorsOf("admin: { address: 0.0.0.0 }\n")).containsExactly("admin.address: an admin listener on "
                + "0.0.0.0 (not loopback) needs a token: set admin.token or admin.token-file, or bind it to "
                + "127.0.0.1 or ::1");
        assertThat(errorsOf("admin: { address: 10.1.2.3, port: 9901 }\n")).hasSize(1);
    }

    @Test
    void aTokenWrittenAsPlainTextIsRefusedWithoutRepeatingIt() {
        List<String> errors = errorsOf("admin: { address: 0.0.0.0, token: " + TOKEN + " }\n");

        assertThat(errors).containsExactly("admin.token: a token must not be written in the config as plain text: "
                + "use ${VARIABLE} (from the environment) or token-file");
        assertThat(String.join("\n", errors)).doesNotContain(TOKEN);
        assertThat(errorsOf("admin: { token: \"${UNSET:-" + TOKEN + "}\" }\n")).containsExactly("admin.token: a "
                + "token must not be written in the config as plain text: use ${VARIABLE} (from the environment) or "
                + "token-file");
    }

    @Test
    void reportsBadTokensWithoutEchoingThem(@TempDir Path dir) {
        Map<String, String> env = Map.of("SHORT", "short-token", "SPACES", "has spaces in the token",
                "ADMIN_TOKEN", TOKEN);
        assertThat(errorsOf("admin: { token: \"${SHORT}\" }\n", env)).containsExactly("admin.token: expected a "
                + "token of at least 16 visible ASCII characters without spaces, got 11 characters");
        assertThat(errorsOf("admin: { token: \"${SPACES}\" }\n", env)).singleElement().asString()
                .doesNotContain("has spaces");
        assertThat(errorsOf("admin: { token: \"${ADMIN_TOKEN}\", token-file: /x }\n", env)).containsExactly(
                "admin: token and token-file are exclusive, got token and token-file");
        Path missing = dir.resolve("missing");
        assertThat(errorsOf("admin: { token-file: \"" + missing + "\" }\n")).singleElement().asString()
                .isEqualTo("admin.token-file: cannot read the token file " + missing + ": no such file");
    }
}
