package io.gatehouse.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The settings of the key-auth and basic-auth methods, read through the auth filter that holds them. */
class AuthMethodSectionsTest {

    private static final String PATH = "routes[0].filters[0].auth";

    private final ConfigErrors errors = new ConfigErrors();

    private AuthFilterConfig parse(String yaml) {
        return AuthFilterSection.parse(FilterSettingsFixtures.settings(yaml, PATH, errors));
    }

    @Test
    void keyAuthDefaultsToTheXApiKeyHeaderAndStripsIt() {
        assertThat(parse("{ any-of: [key-auth] }").methods()).containsExactly(
                new KeyAuthConfig(List.of("X-Api-Key"), null, false, "gatehouse"));
        assertThat(errors.messages()).isEmpty();
    }

    @Test
    void keyAuthReadsHeadersQueryKeepCredentialAndRealm() {
        assertThat(parse("""
                any-of: [key-auth]
                key-auth: { header: [X-Api-Key, apikey], query: api_key, keep-credential: true, realm: keys }
                """).methods()).containsExactly(new KeyAuthConfig(List.of("X-Api-Key", "apikey"), "api_key", true,
                "keys"));
        assertThat(parse("{ any-of: [key-auth], key-auth: { header: Token } }").methods().get(0))
                .isEqualTo(new KeyAuthConfig(List.of("Token"), null, false, "gatehouse"));
    }

    @Test
    void basicAuthDefaults() {
        assertThat(parse("{ any-of: [basic-auth] }").methods()).containsExactly(
                new BasicAuthConfig("gatehouse", Duration.ofSeconds(30), 10_000, false));
    }

    @Test
    void basicAuthReadsItsSettingsAndTheFilterRealmIsShared() {
        assertThat(parse("""
                any-of: [basic-auth, key-auth]
                realm: api
                basic-auth: { cache-ttl: 0s, cache-size: 50, keep-credential: true }
                """).methods()).containsExactly(
                new BasicAuthConfig("api", Duration.ZERO, 50, true),
                new KeyAuthConfig(List.of("X-Api-Key"), null, false, "api"));
        assertThat(parse("{ any-of: [basic-auth], realm: api, basic-auth: { realm: staff } }").methods())
                .containsExactly(new BasicAuthConfig("staff", Duration.ofSeconds(30), 10_000, false));
    }

    @Test
    void reportsEachBadSetting() {
        assertThat(parse("""
                any-of: [key-auth, basic-auth]
                realm: "say \\"hi\\""
                key-auth: { header: [X-Api-Key, x-api-key, "bad header"], query: "a=b", secret: x }
                basic-auth: { cache-ttl: soon, cache-size: -1, keep-credential: maybe }
                """)).isNull();
        assertThat(errors.messages()).containsExactly(
                PATH + ".realm: expected a realm of printable ASCII without \" or \\, got \"say \"hi\"\"",
                PATH + ".key-auth.secret: unknown key (allowed: header, query, keep-credential, realm)",
                PATH + ".key-auth.header[1]: duplicate header \"x-api-key\" (also at " + PATH + ".key-auth.header[0])",
                PATH + ".key-auth.header[2]: expected a header name, got \"bad header\"",
                PATH + ".key-auth.query: expected a query parameter name (without &, = or #), got \"a=b\"",
                PATH + ".basic-auth.cache-ttl: expected a duration like 250ms, 10s or 5m, got \"soon\"",
                PATH + ".basic-auth.cache-size: expected an integer >= 0, got \"-1\"",
                PATH + ".basic-auth.keep-credential: expected true or false, got \"maybe\"");
    }
}
