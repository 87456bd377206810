package io.gatehouse.config;

import static io.gatehouse.config.ConfigFixtures.errorsOf;
import static io.gatehouse.config.ConfigFixtures.load;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gatehouse.filter.FilterRegistry;
import io.gatehouse.filter.headers.HeadersSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {

    private final ConfigLoader loader = new ConfigLoader(FilterRegistry.builtins(), name -> null);

    @Test
    void fillsInEveryDefault() {
        GatewayConfig config = load("routes: []\n");

        assertThat(config.server()).isEqualTo(new ServerConfig(0, Duration.ofSeconds(10), Duration.ofSeconds(30),
                Duration.ofSeconds(60), Duration.ofSeconds(30), 8192, 16384, 16, List.of(), 0,
                new HttpConfig(100, false, new PathConfig(true, PathConfig.PathParameters.REJECT,
                        PathConfig.EncodedSlashes.REJECT))));
        assertThat(config.listeners()).containsExactly(new ListenerConfig("public", "0.0.0.0", 8080));
        assertThat(config.admin()).isEqualTo(new AdminConfig("127.0.0.1", 9901));
        assertThat(config.accessLog()).isEqualTo(new AccessLogConfig(true, 8192));
        assertThat(config.upstreams()).isEmpty();
        assertThat(config.routes()).isEmpty();
        assertThat(config.limiters()).isEmpty();
    }

    @Test
    void readsAFullExample() {
        GatewayConfig config = load("""
                server:
                  event-loops: 4
                  header-read-timeout: 5s
                  body-read-timeout: 20s
                  keep-alive-idle: 2m
                  drain-timeout: 0
                  max-initial-line: 4KiB
                  max-header-size: 32KiB
                  max-pipelined: 8
                  trusted-proxies: [10.0.0.0/8, "::1/128"]
                listeners:
                  - { name: public, address: 0.0.0.0, port: 8080 }
                  - { name: internal, address: "::", port: 8081 }
                admin: { address: 127.0.0.1, port: 9000 }
                access-log: { enabled: false, queue-size: 100 }
                upstreams:
                  users:
                    balancer: round-robin
                    endpoints:
                      - { address: "127.0.0.1:9001", weight: 3 }
                      - { address: "[::1]:9002" }
                    limits: { max-connections: 10, max-pending: 0, max-active: 7 }
                    pool: { idle-timeout: 30s }
                routes:
                  - name: users
                    match:
                      host: ["API.example.com", "*.example.org"]
                      path: "/users/{id}"
                      methods: [get, POST]
                      headers: { X-Env: prod, X-Debug: { present: true }, X-Ver: { regex: "v[0-9]+" } }
                      query: { tenant: { exact: a } }
                    upstream: users
                    rewrite: { path: "/v1/users/{id}", host: "users.internal" }
                    timeouts: { connect: 250ms, response: 10s, idle: 1m, filter: 3s }
                    max-body-size: 1MiB
                    priority: 5
                    listeners: [internal]
                    filters:
                      - headers: { request: { set: { X-A: "1" } } }
                """);

        assertThat(config.server()).isEqualTo(new ServerConfig(4, Duration.ofSeconds(5), Duration.ofSeconds(20),
                Duration.ofMinutes(2), Duration.ZERO, 4096, 32768, 8, List.of("10.0.0.0/8", "::1/128"), 0,
                HttpSection.DEFAULTS));
        assertThat(config.listeners()).containsExactly(new ListenerConfig("public", "0.0.0.0", 8080),
                new ListenerConfig("internal", "::", 8081));
        assertThat(config.admin()).isEqualTo(new AdminConfig("127.0.0.1", 9000));
        assertThat(config.accessLog()).isEqualTo(new AccessLogConfig(false, 100));
        UpstreamConfig users = config.upstreams().get("users");
        assertThat(users.balancer()).isEqualTo("round-robin");
        assertThat(users.endpoints()).containsExactly(new EndpointConfig("127.0.0.1", 9001, 3),
                new EndpointConfig("::1", 9002, 1));
        assertThat(users.limits()).isEqualTo(new LimitsConfig(10, 0, 7));
        assertThat(users.pool()).isEqualTo(new PoolConfig(Duration.ofSeconds(30)));

        RouteConfig route = config.routes().get(0);
        assertThat(route.name()).isEqualTo("users");
        assertThat(route.upstream()).isEqualTo("users");
        MatchConfig match = route.match();
        assertThat(match.hosts()).containsExactly("api.example.com", "*.example.org");
        assertThat(match.path()).isEqualTo("/users/{id}");
        assertThat(match.prefix()).isNull();
        assertThat(match.regex()).isNull();
        assertThat(match.methods()).containsExactly("GET", "POST");
        assertThat(match.headers()).containsOnlyKeys("x-env", "x-debug", "x-ver");
        assertThat(match.headers().get("x-env").matches("prod")).isTrue();
        assertThat(match.headers().get("x-debug").matches("")).isTrue();
        assertThat(match.headers().get("x-ver").matches("v12")).isTrue();
        assertThat(match.headers().get("x-ver").matches("v12-beta")).isFalse();
        assertThat(match.query().get("tenant").matches("a")).isTrue();
        assertThat(route.rewrite()).isEqualTo(new RewriteConfig("/v1/users/{id}", false, null, null, "users.internal"));
        assertThat(route.timeouts()).isEqualTo(new TimeoutsConfig(Duration.ofMillis(250), Duration.ofSeconds(10),
                Duration.ofMinutes(1), Duration.ZERO, Duration.ofSeconds(3)));
        assertThat(route.maxBodySize()).isEqualTo(1 << 20);
        assertThat(route.priority()).isEqualTo(5);
        assertThat(route.listeners()).containsExactly("internal");
        assertThat(route.filters()).singleElement().satisfies(filter -> {
            assertThat(filter.name()).isEqualTo("headers");
            assertThat(((HeadersSettings) filter.settings()).request().set()).containsEntry("X-A", "1");
        });
    }

    @Test
    void reportsEveryProblemAtOnce() {
        List<String> errors = errorsOf("""
                server: { drain-timeout: soon }
                listeners: [{ name: public, port: 70000 }]
                upstreams:
                  users:
                    endpoints: [{ address: localhost }]
                routes:
                  - name: users
                    match: { prefix: "/" }
                    upstream: userz
                """);

        assertThat(errors).containsExactly(
                "server.drain-timeout: expected a duration like 250ms, 10s or 5m, got \"soon\"",
                "listeners[0].port: expected an integer from 0 to 65535, got \"70000\"",
                "upstreams.users.endpoints[0].address: expected \"host:port\", got \"localhost\"",
                "routes[0].upstream: unknown upstream \"userz\" (known: users)");
    }

    @Test
    void theExceptionNamesTheSourceAndCountsTheProblems() {
        assertThatThrownBy(() -> loader.parse("routes: {}\nadmin: { port: x }\n", "gatehouse.yaml"))
                .isInstanceOf(ConfigException.class)
                .hasMessage("gatehouse.yaml: 2 errors\n"
                        + "  admin.port: expected an integer from 0 to 65535, got \"x\"\n"
                        + "  routes: expected a list");
    }

    @Test
    void unknownTopLevelKeysAreErrors() {
        assertThat(errorsOf("route: []\n")).containsExactly(
                "route: unknown key (allowed: server, listeners, admin, access-log, consumers, upstreams, limiters, "
                        + "routes, models, model-apis, model-registry)");
    }

    @Test
    void theTopLevelMustBeAMap() {
        assertThat(errorsOf("- a\n")).containsExactly(
                "expected a map with keys server, listeners, admin, access-log, consumers, upstreams, limiters, "
                        + "routes, models, model-apis, model-registry");
    }

    @Test
    void anEmptyConfigIsOneClearError() {
        String expected = "the config is empty; expected a map with keys server, listeners, admin, access-log, "
                + "consumers, upstreams, limiters, routes, models, model-apis, model-registry";
        assertThat(errorsOf("")).containsExactly(expected);
        assertThat(errorsOf("# nothing yet\n")).containsExactly(expected);
    }

    @Test
    void aSyntaxErrorSaysWhere() {
        assertThat(errorsOf("routes: []\nadmin:\n  port: 1\n port: 2\n")).singleElement().asString()
                .startsWith("invalid YAML at line 4, column 2: ");
    }

    @Test
    void duplicateKeysAreSyntaxErrors() {
        assertThat(errorsOf("routes: []\nroutes: []\n"))
                .containsExactly("invalid YAML at line 2, column 7: Duplicate field 'routes'");
    }

    @Test
    void anAliasIsNamedWhereItStandsRatherThanReadAsAString() {
        assertThat(errorsOf("""
                upstreams:
                  app: { endpoints: &servers [ { address: "127.0.0.1:9001" } ] }
                  copy: { endpoints: *servers }
                routes: []
                """)).containsExactly("YAML aliases are not supported: *servers at line 3, column 22; write the "
                + "value out where it is used");
    }

    @Test
    void loadsAFile(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("gatehouse.yaml"), "admin: { port: 9999 }\n");

        assertThat(loader.load(file).admin().port()).isEqualTo(9999);
    }

    @Test
    void filesTheConfigNamesAreFoundBesideItWhereverTheProcessRuns(@TempDir Path dir) throws Exception {
        Path configDirectory = Files.createDirectories(dir.resolve("etc/gatehouse"));
        Path secrets = Files.createDirectories(configDirectory.resolve("secrets"));
        Files.writeString(secrets.resolve("jwt"), "0123456789abcdef0123456789abcdef\n");
        Files.writeString(secrets.resolve("introspection"), "client-secret\n");
        Files.writeString(secrets.resolve("admin-token"), "admin-token-0123456789\n");
        Path file = Files.writeString(configDirectory.resolve("gatehouse.yaml"), """
                admin: { address: 0.0.0.0, token-file: secrets/admin-token }
                upstreams: { users: { endpoints: [{ address: "127.0.0.1:9001" }] } }
                routes:
                  - name: users
                    match: { prefix: / }
                    upstream: users
                    filters:
                      - auth:
                          any-of: [jwt, oauth2-introspection]
                          jwt: { secret-file: secrets/jwt }
                          oauth2-introspection: { url: "http://idp.test/introspect", client-id: gw,
                                                  client-secret-file: secrets/introspection }
                """);
        assertThat(Path.of("secrets")).as("the working directory holds no such file").doesNotExist();

        GatewayConfig config = loader.load(file);

        assertThat(config.admin().token()).isEqualTo("admin-token-0123456789");
        List<AuthMethodConfig> methods = ((AuthFilterConfig) config.routes().get(0).filters().get(0).settings())
                .methods();
        assertThat(((JwtAuthConfig) methods.get(0)).secret())
                .isEqualTo(Secret.of("0123456789abcdef0123456789abcdef"));
        assertThat(((IntrospectionAuthConfig) methods.get(1)).clientSecret()).isEqualTo(Secret.of("client-secret"));
    }

    @Test
    void aMissingFileIsAConfigErrorNamingThePath(@TempDir Path dir) {
        Path file = dir.resolve("absent.yaml");

        assertThatThrownBy(() -> loader.load(file))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.errors())
                        .containsExactly("cannot read the file: no such file"))
                .hasMessageStartingWith(file + ": 1 error");
    }

    @Test
    void problemsInAFileNameTheFile(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("bad.yaml"), "admin: { port: -1 }\n");

        assertThatThrownBy(() -> loader.load(file))
                .hasMessage(file + ": 1 error\n  admin.port: expected an integer from 0 to 65535, got \"-1\"");
    }
}
