package io.gatehouse.auth.introspection;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gatehouse.auth.AuthHttp;
import io.gatehouse.config.IntrospectionAuthConfig;
import io.gatehouse.filter.Cancellation;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * One RFC 7662 request: the token as a form, the client's credentials as HTTP Basic (each part form-encoded first,
 * RFC 6749 section 2.3.1). The stage fails unless the endpoint answers 200 with a JSON object in time; cancelling
 * it stops the call.
 */
final class IntrospectionCall {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final IntrospectionAuthConfig config;
    private final AuthHttp http;
    private final String authorization;

    IntrospectionCall(IntrospectionAuthConfig config, AuthHttp http) {
        this.config = config;
        this.http = http;
        String credentials = form(config.clientId()) + ":" + form(config.clientSecret().text());
        this.authorization = "Basic " + Base64.getEncoder().encodeToString(
                credentials.getBytes(StandardCharsets.UTF_8));
    }

    CompletableFuture<JsonNode> introspect(String token) {
        HttpRequest request = HttpRequest.newBuilder(config.url())
                .header("Authorization", authorization)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("token=" + form(token) + "&token_type_hint=access_token"))
                .build();
        CompletableFuture<HttpResponse<byte[]>> sent = http.send(request, config.timeout());
        return Cancellation.propagate(sent.thenApply(this::answer), sent);
    }

    private JsonNode answer(HttpResponse<byte[]> response) {
        if (response.statusCode() != 200) {
            throw new CompletionException(new IOException("introspection endpoint " + config.url() + " answered "
                    + response.statusCode() + ", expected 200"));
        }
        try {
            JsonNode answer = JSON.readTree(response.body());
            if (answer == null || !answer.isObject()) {
                throw new IOException("expected a JSON object");
            }
            return answer;
        } catch (IOException e) {
            throw new CompletionException(new IOException("introspection endpoint " + config.url()
                    + " answered with a body that is not a JSON object: " + e.getMessage()));
        }
    }

    private static String form(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }
}
