package io.gatehouse.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import io.gatehouse.auth.TestIdentities;
import io.gatehouse.config.KeyPart;
import io.gatehouse.context.RequestContext;
import io.gatehouse.routing.PathVariables;
import io.netty.handler.codec.http.DefaultHttpRequest;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpVersion;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class LimitKeyTest {

    private final RequestContext ctx = new RequestContext("id", "api", new InetSocketAddress("127.0.0.1", 5000),
            "203.0.113.9", PathVariables.NONE, null, 0);
    private final HttpRequest request = new DefaultHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, "/x");

    @Test
    void aSinglePartIsItsValue() {
        assertThat(LimitKey.of(List.of(new KeyPart.ClientAddress()), ctx, request)).isEqualTo("203.0.113.9");
        assertThat(LimitKey.of(List.of(new KeyPart.Route()), ctx, request)).isEqualTo("api");
    }

    @Test
    void partsJoinSoThatDifferentValuesNeverCollide() {
        request.headers().set("X-Api-Key", "k1");
        String key = LimitKey.of(List.of(new KeyPart.Route(), new KeyPart.Header("X-Api-Key")), ctx, request);
        assertThat(key).isEqualTo("api\nk1");
    }

    @Test
    void aMissingOrEmptyValueMakesNoKey() {
        assertThat(LimitKey.of(List.of(new KeyPart.Header("X-Api-Key")), ctx, request)).isNull();
        request.headers().set("X-Api-Key", "");
        assertThat(LimitKey.of(List.of(new KeyPart.Route(), new KeyPart.Header("X-Api-Key")), ctx, request)).isNull();
        assertThat(LimitKey.of(List.of(new KeyPart.PathVariable("id")), ctx, request)).isNull();
        assertThat(LimitKey.describe(List.of(new KeyPart.Route(), new KeyPart.Header("X-Api-Key"))))
                .isEqualTo("the route, header X-Api-Key");
    }

    @Test
    void theConsumerIsTheOneAuthenticationNamedNeverAHeader() {
        request.headers().set("X-Consumer", "spoofed");
        List<KeyPart> parts = List.of(new KeyPart.Route(), new KeyPart.Consumer());
        assertThat(LimitKey.of(parts, ctx, request)).as("no identity, no key").isNull();
        assertThat(LimitKey.describe(parts)).isEqualTo("the route, the consumer");

        TestIdentities.authenticate(ctx, "alice", Set.of(), Set.of());
        assertThat(LimitKey.of(parts, ctx, request)).isEqualTo("api\nalice");
    }
}
