package io.gatehouse.auth;

import static io.gatehouse.auth.AuthTestSupport.context;
import static io.gatehouse.auth.AuthTestSupport.get;
import static org.assertj.core.api.Assertions.assertThat;

import io.gatehouse.config.AclFilterConfig;
import io.gatehouse.context.RequestContext;
import io.gatehouse.filter.FilterDecision;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AclFilterTest {

    private static HttpResponseStatus status(AclFilterConfig config, Set<String> groups) {
        RequestContext ctx = context();
        if (groups != null) {
            TestIdentities.authenticate(ctx, "someone", groups, Set.of());
        }
        FilterDecision decision = new AclFilter(config).onRequest(ctx, get("/")).toCompletableFuture().join();
        return decision.proceeds() ? HttpResponseStatus.OK : decision.status();
    }

    @Test
    void allowLetsInAConsumerWithOneOfTheGroups() {
        AclFilterConfig allow = new AclFilterConfig(true, Set.of("admin", "staff"));

        assertThat(status(allow, Set.of("staff", "other"))).isEqualTo(HttpResponseStatus.OK);
        assertThat(status(allow, Set.of("other"))).isEqualTo(HttpResponseStatus.FORBIDDEN);
        assertThat(status(allow, Set.of())).isEqualTo(HttpResponseStatus.FORBIDDEN);
        assertThat(status(allow, null)).isEqualTo(HttpResponseStatus.FORBIDDEN);
    }

    @Test
    void denyKeepsOutAConsumerWithAnyOfTheGroups() {
        AclFilterConfig deny = new AclFilterConfig(false, Set.of("blocked"));

        assertThat(status(deny, Set.of("staff"))).isEqualTo(HttpResponseStatus.OK);
        assertThat(status(deny, Set.of())).isEqualTo(HttpResponseStatus.OK);
        assertThat(status(deny, Set.of("staff", "blocked"))).isEqualTo(HttpResponseStatus.FORBIDDEN);
        assertThat(status(deny, null)).as("no identity, nothing to vouch for").isEqualTo(HttpResponseStatus.FORBIDDEN);
    }
}
