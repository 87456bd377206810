package io.gatehouse.upstream.lb;

import static org.assertj.core.api.Assertions.assertThat;

import io.gatehouse.config.HashConfig;
import io.gatehouse.config.HashConfig.Source;
import io.netty.handler.codec.http.DefaultHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpVersion;
import org.junit.jupiter.api.Test;

class HashKeysTest {

    private static final HashConfig SESSION_COOKIE = new HashConfig(Source.COOKIE, "session");

    @Test
    void headerSourceTakesTheHeaderValueWhateverTheNameCase() {
        HttpRequest request = request("/");
        request.headers().add("X-User", "alice");
        assertThat(key(new HashConfig(Source.HEADER, "x-user"), request)).isEqualTo("alice");
        assertThat(key(new HashConfig(Source.HEADER, "x-tenant"), request)).isNull();
    }

    @Test
    void anEmptyHeaderIsNoKey() {
        HttpRequest request = request("/");
        request.headers().add("x-user", "");
        assertThat(key(new HashConfig(Source.HEADER, "x-user"), request)).isNull();
    }

    @Test
    void cookieSourceFindsTheNamedCookieAmongOthers() {
        assertThat(cookieKey("theme=dark; session=abc123; lang=en")).isEqualTo("abc123");
        assertThat(cookieKey("session=first")).isEqualTo("first");
        assertThat(cookieKey("theme=dark;session=tight")).isEqualTo("tight");
        assertThat(cookieKey("a=1;  session = spaced ; b=2")).isEqualTo("spaced");
    }

    @Test
    void cookieSourceMatchesWholeNamesOnly() {
        assertThat(cookieKey("sessionid=1; my-session=2; session=3")).isEqualTo("3");
        assertThat(cookieKey("sessionid=1; Session=2")).isNull();
    }

    @Test
    void cookieSourceUnquotesAQuotedValueAndSkipsPairsWithoutValue() {
        assertThat(cookieKey("flag; session=\"quoted\"")).isEqualTo("quoted");
        assertThat(cookieKey("session=a=b")).isEqualTo("a=b");
    }

    @Test
    void cookieSourceLooksThroughEveryCookieField() {
        HttpRequest request = request("/");
        request.headers().add(HttpHeaderNames.COOKIE, "theme=dark");
        request.headers().add(HttpHeaderNames.COOKIE, "lang=en; session=second-field");
        assertThat(key(SESSION_COOKIE, request)).isEqualTo("second-field");
    }

    @Test
    void anAbsentOrEmptyCookieIsNoKey() {
        assertThat(key(SESSION_COOKIE, request("/"))).isNull();
        assertThat(cookieKey("theme=dark; lang=en")).isNull();
        assertThat(cookieKey("session=; theme=dark")).isNull();
        assertThat(cookieKey("")).isNull();
    }

    @Test
    void clientAddressSourceTakesTheClientAddress() {
        HashConfig config = new HashConfig(Source.CLIENT_ADDRESS, null);
        assertThat(HashKeys.of(config, request("/"), "192.0.2.7")).isEqualTo("192.0.2.7");
        assertThat(HashKeys.of(config, request("/"), null)).isNull();
    }

    @Test
    void pathSourceTakesThePathWithoutTheQuery() {
        HashConfig path = new HashConfig(Source.PATH, null);
        assertThat(key(path, request("/users/42?expand=true&x=1"))).isEqualTo("/users/42");
        assertThat(key(path, request("/users/42"))).isEqualTo("/users/42");
        assertThat(key(path, request("/?q"))).isEqualTo("/");
        assertThat(key(path, request("http://api.example.com/users/42?x=1"))).isEqualTo("/users/42");
        assertThat(key(path, request("http://api.example.com?x=1"))).isEqualTo("/");
        assertThat(key(path, request("http://api.example.com"))).isEqualTo("/");
        assertThat(key(path, request("*"))).isNull();
    }

    private static CharSequence cookieKey(String cookieField) {
        HttpRequest request = request("/");
        request.headers().add(HttpHeaderNames.COOKIE, cookieField);
        return key(SESSION_COOKIE, request);
    }

    private static CharSequence key(HashConfig config, HttpRequest request) {
        return HashKeys.of(config, request, "198.51.100.1");
    }

    private static HttpRequest request(String uri) {
        return new DefaultHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, uri);
    }
}
