package io.gatehouse.config;

import static io.gatehouse.config.ConfigFixtures.errorsOf;
import static io.gatehouse.config.ConfigFixtures.load;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FallbackSectionTest {

    private static String config(String fallback) {
        return """
                upstreams:
                  users: { endpoints: [{ address: "h:1" }] }
                  backup: { endpoints: [{ address: "h:2" }] }
                routes:
                  - name: r
                    match: { prefix: / }
                    upstream: users
                    fallback:\s""" + fallback + "\n";
    }

    private static FallbackConfig fallback(String fallback) {
        return load(config(fallback)).routes().get(0).fallback();
    }

    private static List<String> errors(String fallback) {
        return errorsOf(config(fallback));
    }

    @Test
    void isAbsentUnlessConfigured() {
        assertThat(load(ConfigFixtures.route("match: { prefix: / }")).routes().get(0).fallback()).isNull();
    }

    @Test
    void readsAStaticResponse() {
        assertThat(fallback("""
                { status: 200, headers: { Content-Type: application/json, X-Degraded: "true" }, body: '{"items":[]}' }
                """)).isEqualTo(new FallbackConfig(200, Map.of("Content-Type", "application/json", "X-Degraded", "true"),
                "{\"items\":[]}", null));
    }

    @Test
    void aStaticResponseDefaultsTo503WithoutBody() {
        assertThat(fallback("{ body: sorry }")).isEqualTo(new FallbackConfig(503, Map.of(), "sorry", null));
        assertThat(fallback("{ headers: { Retry-After: \"30\" } }"))
                .isEqualTo(new FallbackConfig(503, Map.of("Retry-After", "30"), "", null));
    }

    @Test
    void readsAnotherUpstream() {
        FallbackConfig fallback = fallback("{ upstream: backup }");

        assertThat(fallback.upstream()).isEqualTo("backup");
        assertThat(fallback.headers()).isEmpty();
    }

    @Test
    void theUpstreamMustExistAndDifferFromTheRoutes() {
        assertThat(errors("{ upstream: spare }")).containsExactly(
                "routes[0].fallback.upstream: unknown upstream \"spare\" (known: backup, users)");
        assertThat(errors("{ upstream: users }")).containsExactly(
                "routes[0].fallback.upstream: must differ from the route's upstream \"users\"");
    }

    @Test
    void anUpstreamExcludesAStaticResponse() {
        assertThat(errors("{ upstream: backup, status: 200, body: x }")).containsExactly(
                "routes[0].fallback: upstream excludes status, body (a static response)");
        assertThat(errors("{}")).containsExactly(
                "routes[0].fallback: expected upstream, or any of status, headers and body");
        assertThat(errors("backup")).containsExactly(
                "routes[0].fallback: expected a map with keys upstream, status, headers, body");
    }

    @Test
    void reportsMalformedStaticResponses() {
        assertThat(errors("""
                { status: 600, headers: { "X A": "1", X-B: "a\\nb", X-C: [1], X-D: , Content-Length: "3" }, body: [] }
                """)).containsExactly(
                "routes[0].fallback.status: expected an integer from 200 to 599, got \"600\"",
                "routes[0].fallback.body: expected a string",
                "routes[0].fallback.headers.X A: \"X A\" is not a valid header name",
                "routes[0].fallback.headers.X-B: header values may not contain CR, LF or NUL",
                "routes[0].fallback.headers.X-C: expected a string",
                "routes[0].fallback.headers.X-D: expected a header value (a string)",
                "routes[0].fallback.headers.Content-Length: set by the gateway from the body");
        assertThat(errors("{ status: 199 }")).containsExactly(
                "routes[0].fallback.status: expected an integer from 200 to 599, got \"199\"");
    }

    @Test
    void headerNamesAreUniqueWhateverTheirCase() {
        assertThat(errors("{ headers: { Content-Type: a, content-type: b } }")).containsExactly(
                "routes[0].fallback.headers.content-type: duplicate header \"content-type\" (also at "
                        + "routes[0].fallback.headers.Content-Type)");
    }

    @Test
    void responsesWithoutBodyCannotHaveOne() {
        assertThat(errors("{ status: 204, body: x }")).containsExactly(
                "routes[0].fallback.body: a 204 response has no body");
        assertThat(fallback("{ status: 204 }").status()).isEqualTo(204);
    }
}
