package io.gatehouse.auth;

import static io.gatehouse.auth.AuthTestSupport.context;
import static org.assertj.core.api.Assertions.assertThat;

import io.gatehouse.config.ScopesFilterConfig;
import io.gatehouse.context.RequestContext;
import io.gatehouse.filter.FilterDecision;
import io.netty.handler.codec.http.DefaultHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ScopesFilterTest {

    private static final ScopesFilterConfig READ_WRITE =
            new ScopesFilterConfig(true, List.of("read"), Map.of("POST", List.of("write")));

    private static FilterDecision decide(ScopesFilterConfig config, HttpMethod method, Set<String> scopes) {
        RequestContext ctx = context();
        if (scopes != null) {
            TestIdentities.authenticate(ctx, "client", Set.of(), scopes);
        }
        return new ScopesFilter(config).onRequest(ctx, new DefaultHttpRequest(HttpVersion.HTTP_1_1, method, "/"))
                .toCompletableFuture().join();
    }

    @Test
    void allNeedsEveryScopeOfTheRequestsMethod() {
        assertThat(decide(READ_WRITE, HttpMethod.GET, Set.of("read")).proceeds()).isTrue();
        assertThat(decide(READ_WRITE, HttpMethod.POST, Set.of("read", "write")).proceeds()).isTrue();

        FilterDecision refused = decide(READ_WRITE, HttpMethod.POST, Set.of("read"));
        assertThat(refused.status()).isEqualTo(HttpResponseStatus.FORBIDDEN);
        assertThat(refused.headers().get(HttpHeaderNames.WWW_AUTHENTICATE))
                .isEqualTo("Bearer error=\"insufficient_scope\", scope=\"read write\"");
        assertThat(decide(READ_WRITE, HttpMethod.GET, null).status()).isEqualTo(HttpResponseStatus.FORBIDDEN);
    }

    @Test
    void anyNeedsOneScope() {
        ScopesFilterConfig any = new ScopesFilterConfig(false, List.of("read", "admin"), Map.of());

        assertThat(decide(any, HttpMethod.GET, Set.of("admin")).proceeds()).isTrue();
        FilterDecision refused = decide(any, HttpMethod.GET, Set.of("write"));
        assertThat(refused.status()).isEqualTo(HttpResponseStatus.FORBIDDEN);
        assertThat(refused.headers().get(HttpHeaderNames.WWW_AUTHENTICATE))
                .isEqualTo("Bearer error=\"insufficient_scope\", scope=\"read admin\"");
    }

    @Test
    void aMethodWithNothingToRequireProceeds() {
        ScopesFilterConfig postOnly = new ScopesFilterConfig(true, List.of(), Map.of("POST", List.of("write")));

        assertThat(decide(postOnly, HttpMethod.GET, null).proceeds()).isTrue();
        assertThat(decide(postOnly, HttpMethod.POST, Set.of()).status()).isEqualTo(HttpResponseStatus.FORBIDDEN);
    }
}
