package io.gatehouse.routing;

import static io.gatehouse.routing.RouteBuilder.route;
import static io.gatehouse.routing.RouterFixture.find;
import static io.gatehouse.routing.RouterFixture.matched;
import static io.gatehouse.routing.RouterFixture.nameOf;
import static org.assertj.core.api.Assertions.assertThat;

import io.gatehouse.config.RouteConfig;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RouterScaleTest {

    private static final int ROUTES = 10_000;

    @Test
    void tenThousandRoutesEachFindTheirOwn() {
        List<RouteConfig> routes = new ArrayList<>();
        for (int i = 0; i < ROUTES; i++) {
            routes.add(switch (i % 4) {
                case 0 -> route("exact-" + i).path("/svc" + i + "/status").build();
                case 1 -> route("template-" + i).path("/svc" + i + "/items/{id}").methods("GET").build();
                case 2 -> route("prefix-" + i).prefix("/svc" + i).build();
                default -> route("suffix-" + i).path("/svc" + i + "/{model}:predict").build();
            });
        }
        routes.add(route("fallback").prefix("/").build());
        Router router = Router.compile(routes);

        for (int i = 0; i < ROUTES; i++) {
            RouteLookup.Matched match = matched(find(router, probePath(i)));
            assertThat(match.route().index()).isEqualTo(i);
        }
        assertThat(matched(find(router, "/svc1/items/abc")).vars().get("id")).isEqualTo("abc");
        assertThat(matched(find(router, "/svc3/m:predict")).vars().get("model")).isEqualTo("m");
        assertThat(nameOf(find(router, "/svc1/other"))).isEqualTo("fallback");
        assertThat(router.ordered()).hasSize(ROUTES + 1);
    }

    private static String probePath(int i) {
        return switch (i % 4) {
            case 0 -> "/svc" + i + "/status";
            case 1 -> "/svc" + i + "/items/" + i;
            case 2 -> "/svc" + i + "/anything/below";
            default -> "/svc" + i + "/model-" + i + ":predict";
        };
    }
}
