package io.gatehouse.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import io.gatehouse.context.RequestContext;
import io.gatehouse.filter.BodyFilter;
import io.gatehouse.filter.FilterDecision;
import io.gatehouse.filter.Phase;
import io.gatehouse.filter.RequestBody;
import io.gatehouse.testing.LeakDetectionExtension;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.DefaultLastHttpContent;
import io.netty.handler.codec.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletionStage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The aggregated body of a body filter's route: owned by the exchange, released however the exchange ends. */
@ExtendWith(LeakDetectionExtension.class)
class BodyAggregationTest {

    private static RouteFilter reader(int cap) {
        return new RouteFilter("reader", Phase.TRANSFORM, 0, 0, null, new BodyFilter() {
            @Override
            public int bodyCap() {
                return cap;
            }

            @Override
            public CompletionStage<FilterDecision> onRequest(RequestContext ctx, HttpRequest request,
                                                             RequestBody body) {
                return FilterDecision.CONTINUE;
            }
        });
    }

    private static ByteBuf text(String text) {
        return Unpooled.copiedBuffer(text, StandardCharsets.UTF_8);
    }

    @Test
    void aReplacementThatComesAfterTheExchangeEndedIsReleasedAtOnce() {
        BodyAggregation body = BodyAggregation.forRoute(List.of(reader(64)), ByteBufAllocator.DEFAULT, true);
        assertThat(body.add(new DefaultLastHttpContent(text("whole")))).isTrue();
        body.release();

        ByteBuf late = text("replacement");
        body.replace(late);

        assertThat(late.refCnt()).isZero();
    }

    @Test
    void theSmallestCapOfTheRoutesBodyFiltersHoldsAndAPieceBeyondItIsReleased() {
        BodyAggregation body = BodyAggregation.forRoute(List.of(reader(64), reader(8)), ByteBufAllocator.DEFAULT,
                true);
        DefaultHttpContent tooMuch = new DefaultHttpContent(text("nine byte"));

        assertThat(body.cap()).isEqualTo(8);
        assertThat(body.add(tooMuch)).isFalse();
        assertThat(tooMuch.refCnt()).isZero();
        body.release();
    }

    @Test
    void aRouteWithoutBodyFiltersStreams() {
        assertThat(BodyAggregation.forRoute(List.of(), ByteBufAllocator.DEFAULT, true)).isNull();
    }
}
