package io.gatehouse.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.gatehouse.config.AuthFilterConfig;
import io.gatehouse.config.AuthFilterSection;
import io.gatehouse.config.AuthMethodConfig;
import io.gatehouse.config.ConfigErrors;
import io.gatehouse.config.ConsumerConfig;
import io.gatehouse.config.FilterSettingsFixtures;
import io.gatehouse.routing.PathVariables;
import io.gatehouse.context.RequestContext;
import io.netty.handler.codec.http.DefaultHttpRequest;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpVersion;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

/** Builds what authenticator tests need: method settings from YAML, services on a test clock, requests. */
public final class AuthFixtures {

    private AuthFixtures() {
    }

    /** The settings of the one method of {@code auth} filter settings written in YAML; fails on any problem. */
    public static <T extends AuthMethodConfig> T method(String authSettingsYaml) {
        return method(authSettingsYaml, Map.of());
    }

    /**
     * Like {@link #method(String)}, with {@code env} as the environment: secrets are written as {@code ${VAR}}, and
     * relative file names are resolved against the working directory.
     */
    @SuppressWarnings("unchecked")
    public static <T extends AuthMethodConfig> T method(String authSettingsYaml, Map<String, String> env) {
        ConfigErrors errors = new ConfigErrors();
        AuthFilterConfig config = AuthFilterSection.parse(FilterSettingsFixtures.settings(authSettingsYaml, "auth",
                errors, env, Path.of("").toAbsolutePath()));
        assertThat(errors.messages()).as(authSettingsYaml).isEmpty();
        return (T) config.methods().get(0);
    }

    public static AuthServices services(Clock clock) {
        return new AuthServices(clock, 2, 16);
    }

    public static AuthResources resources(AuthServices services, ConsumerConfig... consumers) {
        return new AuthResources(Consumers.of(List.of(consumers)), services);
    }

    public static ConsumerConfig consumer(String name, String... groups) {
        return new ConsumerConfig(name, List.of(groups), Map.of("team", "payments"), List.of(), List.of(), List.of());
    }

    public static RequestContext context() {
        return new RequestContext("req-1", "api", new InetSocketAddress("127.0.0.1", 5000), "127.0.0.1",
                PathVariables.NONE, null, 0);
    }

    /** A GET of {@code uri} with headers given as name, value, name, value... */
    public static HttpRequest get(String uri, String... headers) {
        HttpRequest request = new DefaultHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, uri);
        for (int i = 0; i < headers.length; i += 2) {
            request.headers().add(headers[i], headers[i + 1]);
        }
        return request;
    }

    /** The outcome, waiting for an asynchronous one at most a few seconds. */
    public static AuthOutcome await(CompletionStage<AuthOutcome> stage) {
        try {
            return stage.toCompletableFuture().get(5, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError("no outcome: " + e, e);
        }
    }

    public static final Duration WAIT = Duration.ofSeconds(5);
}
