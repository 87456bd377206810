package io.gatehouse.config;

import static io.gatehouse.config.ConfigFixtures.errorsOf;
import static io.gatehouse.config.ConfigFixtures.load;
import static org.assertj.core.api.Assertions.assertThat;

import at.favre.lib.crypto.bcrypt.BCrypt;
import io.gatehouse.filter.FilterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConsumerSectionTest {

    private static final String KEY = "k3y-0f-at-least-16-chars";
    private static final String KEY_SHA256 = ConsumerConfig.KeyCredential.sha256Hex(KEY);
    private static final Map<String, String> ENV = Map.of("KEY", KEY, "PASSWORD", "s3cret-pass");
    /** A cost-4 hash of "s3cret-pass", cheap enough for tests. */
    private static final String HASH = BCrypt.withDefaults().hashToString(4, "s3cret-pass".toCharArray());

    @TempDir
    Path directory;

    private static String consumers(String yaml) {
        return "consumers:\n" + yaml.stripTrailing().indent(2);
    }

    private static ConsumerConfig only(String yaml) {
        return load(consumers(yaml), ENV).consumers().values().iterator().next();
    }

    private GatewayConfig loadFile(String yaml) throws Exception {
        Path file = directory.resolve("gatehouse.yaml");
        Files.writeString(file, yaml);
        return new ConfigLoader(FilterRegistry.builtins(), ENV::get).load(file);
    }

    @Test
    void readsNameGroupsMetadataAndEachKindOfCredential() {
        ConsumerConfig consumer = only("""
                - name: ops
                  groups: [admin, staff]
                  metadata: { team: platform, tier: 1 }
                  credentials:
                    key-auth: [ { key: "${KEY}" }, { sha256: "%s" } ]
                    basic-auth: [ { username: ops, bcrypt: "%s" } ]
                    mtls: [ { subject: "CN=ops, O=Example" } ]
                """.formatted("AB".repeat(32), HASH));

        assertThat(consumer.name()).isEqualTo("ops");
        assertThat(consumer.groups()).containsExactly("admin", "staff");
        assertThat(consumer.metadata()).isEqualTo(Map.of("team", "platform", "tier", "1"));
        assertThat(consumer.keys()).extracting(ConsumerConfig.KeyCredential::sha256)
                .containsExactly(KEY_SHA256, "ab".repeat(32));
        assertThat(consumer.basic()).containsExactly(new ConsumerConfig.BasicCredential("ops", HASH));
        assertThat(consumer.subjects()).containsExactly("CN=ops,O=Example");
    }

    @Test
    void aConsumerNeedsNoCredentialAndNamesAreUniqueAndNotEmpty() {
        assertThat(only("- { name: guest }").keys()).isEmpty();
        assertThat(errorsOf(consumers("""
                - { name: a }
                - { name: a }
                - { name: "" }
                - { groups: [x, x] }
                - { name: b, metadata: { nested: { no: 1 } }, secret: x }
                """))).containsExactly(
                "consumers[1].name: duplicate consumer name \"a\" (also at consumers[0].name)",
                "consumers[2].name: must not be empty",
                "consumers[3].name: required",
                "consumers[3].groups[1]: duplicate group \"x\" (also at consumers[3].groups[0])",
                "consumers[4].secret: unknown key (allowed: name, groups, metadata, credentials)",
                "consumers[4].metadata.nested: expected a string");
    }

    @Test
    void aPlainTextKeyOrPasswordInTheFileIsRefusedWithoutRepeatingIt() {
        List<String> errors = errorsOf(consumers("""
                - name: a
                  credentials:
                    key-auth: [ { key: plain-text-key-in-the-file }, { key: "${UNSET:-default-key-from-file}" } ]
                    basic-auth: [ { username: a, password: plain-password } ]
                """), ENV);

        assertThat(errors).containsExactly(
                "consumers[0].credentials.key-auth[0].key: a key must not be written in the config as plain text: "
                        + "use ${VARIABLE} (from the environment), key-file or sha256",
                "consumers[0].credentials.key-auth[1].key: a key must not be written in the config as plain text: "
                        + "use ${VARIABLE} (from the environment), key-file or sha256",
                "consumers[0].credentials.basic-auth[0].password: a password must not be written in the config as "
                        + "plain text: use ${VARIABLE} (from the environment), password-file or bcrypt");
        assertThat(String.join("\n", errors)).doesNotContain("plain-text-key", "default-key", "plain-password");
    }

    @Test
    void keysAreAtLeastSixteenCharactersAndExactlyOneForm() {
        assertThat(errorsOf(consumers("""
                - name: a
                  credentials:
                    key-auth:
                      - { key: "${SHORT}" }
                      - { key: "${KEY}", sha256: "%s" }
                      - { sha256: "abc" }
                      - {}
                """.formatted(KEY_SHA256)), Map.of("KEY", KEY, "SHORT", "short-key"))).containsExactly(
                "consumers[0].credentials.key-auth[0]: a key must be at least 16 characters long",
                "consumers[0].credentials.key-auth[1]: key, key-file and sha256 are exclusive, got key and sha256",
                "consumers[0].credentials.key-auth[2].sha256: expected the SHA-256 of the key as 64 hexadecimal "
                        + "digits, got 3 characters",
                "consumers[0].credentials.key-auth[3]: expected one of key, key-file or sha256");
    }

    @Test
    void keyAndPasswordFilesAreRelativeToTheConfigAndLoseTheirTrailingLineBreak() throws Exception {
        Files.writeString(directory.resolve("ops.key"), KEY + "\r\n");
        Files.writeString(directory.resolve("ops.password"), "s3cret-pass\n");
        ConsumerConfig consumer = loadFile(consumers("""
                - name: ops
                  credentials:
                    key-auth: [ { key-file: ops.key } ]
                    basic-auth: [ { username: ops, password-file: ops.password } ]
                """)).consumers().get("ops");

        assertThat(consumer.keys()).containsExactly(new ConsumerConfig.KeyCredential(KEY_SHA256));
        String hash = consumer.basic().get(0).bcrypt();
        assertThat(hash).startsWith("$2a$10$");
        assertThat(BCrypt.verifyer().verify("s3cret-pass".toCharArray(), hash).verified).isTrue();
    }

    @Test
    void aMissingOrEmptyFileIsReported() throws Exception {
        Files.writeString(directory.resolve("empty.key"), "\n");
        assertThat(org.assertj.core.api.Assertions.catchThrowableOfType(() -> loadFile(consumers("""
                - name: ops
                  credentials:
                    key-auth: [ { key-file: missing.key }, { key-file: empty.key } ]
                """)), ConfigException.class).errors()).containsExactly(
                "consumers[0].credentials.key-auth[0].key-file: cannot read the key file "
                        + directory.resolve("missing.key") + ": no such file",
                "consumers[0].credentials.key-auth[1].key-file: the key file " + directory.resolve("empty.key")
                        + " is empty");
    }

    @Test
    void aPasswordFromTheEnvironmentIsHeldOnlyAsABcryptHash() {
        ConsumerConfig consumer = only("""
                - { name: a, credentials: { basic-auth: [ { username: alice, password: "${PASSWORD}" } ] } }
                """);

        String hash = consumer.basic().get(0).bcrypt();
        assertThat(hash).startsWith("$2a$10$").doesNotContain("s3cret-pass");
        assertThat(BCrypt.verifyer().verify("s3cret-pass".toCharArray(), hash).verified).isTrue();
    }

    @Test
    void bcryptHashesAreCheckedForFormAndCost() {
        assertThat(errorsOf(consumers("""
                - name: a
                  credentials:
                    basic-auth:
                      - { username: u1, bcrypt: "$2a$10$short" }
                      - { username: u2, bcrypt: "%s" }
                      - { username: u3, bcrypt: "%s" }
                      - { username: "a:b", bcrypt: "%s" }
                      - { username: u5 }
                """.formatted(HASH.replace("$04$", "$03$"), HASH.replace("$2a$", "$2x$"), HASH)))).containsExactly(
                "consumers[0].credentials.basic-auth[0].bcrypt: expected a bcrypt hash: $2a$, $2b$ or $2y$, a "
                        + "two-digit cost, $, then 53 characters of [./A-Za-z0-9] (60 in all), got 12 characters",
                "consumers[0].credentials.basic-auth[1].bcrypt: expected a bcrypt cost from 4 to 31, got 3",
                "consumers[0].credentials.basic-auth[2].bcrypt: expected a bcrypt hash: $2a$, $2b$ or $2y$, a "
                        + "two-digit cost, $, then 53 characters of [./A-Za-z0-9] (60 in all), got 60 characters",
                "consumers[0].credentials.basic-auth[3].username: a basic-auth username cannot contain \":\" (it "
                        + "separates the password), got \"a:b\"",
                "consumers[0].credentials.basic-auth[4]: expected one of bcrypt, password or password-file");
        assertThat(only("- { name: a, credentials: { basic-auth: [ { username: u, bcrypt: \"%s\" } ] } }"
                .formatted(HASH.replace("$2a$", "$2y$"))).basic()).hasSize(1);
    }

    @Test
    void aCredentialIdentifiesOneConsumer() {
        assertThat(errorsOf(consumers("""
                - name: a
                  credentials:
                    key-auth: [ { key: "${KEY}" } ]
                    basic-auth: [ { username: shared, bcrypt: "%1$s" } ]
                    mtls: [ { subject: "CN=ops,O=Example" } ]
                - name: b
                  credentials:
                    key-auth: [ { sha256: "%2$s" } ]
                    basic-auth: [ { username: shared, bcrypt: "%1$s" } ]
                    mtls: [ { subject: "cn=ops, o=Example" }, { subject: "not a name" } ]
                """.formatted(HASH, KEY_SHA256.toUpperCase())), ENV)).containsExactly(
                "consumers[1].credentials.key-auth[0]: duplicate key-auth key (also at "
                        + "consumers[0].credentials.key-auth[0])",
                "consumers[1].credentials.basic-auth[0].username: duplicate basic-auth username \"shared\" (also at "
                        + "consumers[0].credentials.basic-auth[0].username)",
                "consumers[1].credentials.mtls[0].subject: duplicate mtls subject \"CN=ops,O=Example\" (also at "
                        + "consumers[0].credentials.mtls[0].subject)",
                "consumers[1].credentials.mtls[1].subject: expected a distinguished name (RFC 2253) like "
                        + "\"CN=ops,O=Example\", got \"not a name\"");
    }
}
