package io.gatehouse.auth.token;

import io.gatehouse.config.TokenSource;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.handler.codec.http.cookie.ClientCookieEncoder;
import io.netty.handler.codec.http.cookie.Cookie;
import io.netty.handler.codec.http.cookie.ServerCookieDecoder;
import java.util.ArrayList;
import java.util.List;

/** Finds a bearer token where a {@link TokenSource} says, and removes it before the request goes upstream. */
public final class BearerTokens {

    private static final String BEARER = "Bearer ";

    private final TokenSource source;

    public BearerTokens(TokenSource source) {
        this.source = source;
    }

    /** The token: from the header ({@code Bearer <token>}), else the cookie, else the query; null when none. */
    public String find(HttpRequest request) {
        for (String value : request.headers().getAll(source.header())) {
            String token = bearer(value);
            if (token != null) {
                return token;
            }
        }
        if (source.cookie() != null) {
            for (Cookie cookie : cookies(request)) {
                if (cookie.name().equals(source.cookie()) && !cookie.value().isEmpty()) {
                    return cookie.value();
                }
            }
        }
        if (source.query() != null) {
            List<String> values = new QueryStringDecoder(request.uri()).parameters().get(source.query());
            if (values != null && !values.isEmpty() && !values.get(0).isEmpty()) {
                return values.get(0);
            }
        }
        return null;
    }

    /** Removes every place a token may have come from, unless the source keeps it. */
    public void strip(HttpRequest request) {
        if (source.keepToken()) {
            return;
        }
        List<String> values = request.headers().getAll(source.header());
        if (values.stream().anyMatch(value -> bearer(value) != null)) {
            request.headers().remove(source.header());
            values.stream().filter(value -> bearer(value) == null).forEach(value -> request.headers()
                    .add(source.header(), value));
        }
        if (source.cookie() != null) {
            stripCookie(request);
        }
        if (source.query() != null) {
            request.setUri(withoutParameter(request.uri(), source.query()));
        }
    }

    private static String bearer(String value) {
        if (value.length() <= BEARER.length() || !value.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return null;
        }
        String token = value.substring(BEARER.length()).strip();
        return token.isEmpty() ? null : token;
    }

    private static List<Cookie> cookies(HttpRequest request) {
        List<Cookie> cookies = new ArrayList<>();
        for (String header : request.headers().getAll(HttpHeaderNames.COOKIE)) {
            cookies.addAll(ServerCookieDecoder.STRICT.decodeAll(header));
        }
        return cookies;
    }

    private void stripCookie(HttpRequest request) {
        List<Cookie> cookies = cookies(request);
        if (cookies.stream().noneMatch(cookie -> cookie.name().equals(source.cookie()))) {
            return;
        }
        List<Cookie> kept = cookies.stream().filter(cookie -> !cookie.name().equals(source.cookie())).toList();
        request.headers().remove(HttpHeaderNames.COOKIE);
        if (!kept.isEmpty()) {
            request.headers().set(HttpHeaderNames.COOKIE, ClientCookieEncoder.STRICT.encode(kept));
        }
    }

    /** The URI without any {@code name=...} pair; the other pairs keep their encoding as written. */
    static String withoutParameter(String uri, String name) {
        int question = uri.indexOf('?');
        if (question < 0) {
            return uri;
        }
        StringBuilder kept = new StringBuilder();
        for (String pair : uri.substring(question + 1).split("&", -1)) {
            int equals = pair.indexOf('=');
            String rawName = equals < 0 ? pair : pair.substring(0, equals);
            if (!QueryStringDecoder.decodeComponent(rawName).equals(name)) {
                kept.append(kept.length() == 0 ? "" : "&").append(pair);
            }
        }
        return uri.substring(0, question) + (kept.length() == 0 ? "" : "?" + kept);
    }
}
