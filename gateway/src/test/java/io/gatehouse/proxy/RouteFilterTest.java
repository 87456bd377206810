package io.gatehouse.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import io.gatehouse.filter.Filter;
import io.gatehouse.filter.Phase;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The run order of a route's filters is total: phase, then the factory's order, then position as written. */
class RouteFilterTest {

    private static RouteFilter at(int position, Phase phase, int order) {
        return new RouteFilter("f" + position, phase, order, position, null, new Filter() {
        });
    }

    @Test
    void filtersRunByPhaseThenOrderThenPositionWhateverTheirListOrder() {
        List<RouteFilter> expected = List.of(at(4, Phase.OBSERVE, 0), at(1, Phase.AUTHORIZE, -5),
                at(0, Phase.AUTHORIZE, 0), at(3, Phase.AUTHORIZE, 0), at(2, Phase.AUTHORIZE, 10),
                at(5, Phase.TRANSFORM, -100), at(6, Phase.TRANSFORM, 0));
        Random random = new Random(42);
        for (int round = 0; round < 20; round++) {
            List<RouteFilter> shuffled = new ArrayList<>(expected);
            Collections.shuffle(shuffled, random);

            shuffled.sort(RouteFilter.RUN_ORDER);

            assertThat(shuffled).containsExactlyElementsOf(expected);
        }
    }
}
