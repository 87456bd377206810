package io.gatehouse.server;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.assertj.core.api.Assertions.assertThat;

import io.gatehouse.testing.LeakDetectionExtension;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(LeakDetectionExtension.class)
class RequestHeadTimerTest {

    private static final long IDLE = TimeUnit.SECONDS.toNanos(60);
    private static final long HEAD = TimeUnit.SECONDS.toNanos(10);

    private final RequestHeadTimer timer = new RequestHeadTimer(IDLE, HEAD);
    private EmbeddedChannel channel;

    @BeforeEach
    void setUp() {
        channel = new EmbeddedChannel();
        channel.freezeTime();
        channel.pipeline().addLast(timer);
    }

    @AfterEach
    void tearDown() {
        channel.finishAndReleaseAll();
    }

    private void advance(long nanos) {
        channel.advanceTimeBy(nanos, TimeUnit.NANOSECONDS);
        channel.runScheduledPendingTasks();
    }

    private void receive(String text) {
        channel.writeInbound(Unpooled.copiedBuffer(text, US_ASCII));
        ByteBuf passed = channel.readInbound();
        assertThat(passed.toString(US_ASCII)).isEqualTo(text);
        passed.release();
    }

    @Test
    void idleKeepAliveConnectionClosesAfterKeepAliveIdle() {
        timer.awaitRequest();

        advance(IDLE - 1);
        assertThat(channel.isOpen()).isTrue();

        advance(1);
        assertThat(channel.isOpen()).isFalse();
        assertThat((Object) channel.readOutbound()).as("an idle close sends nothing").isNull();
    }

    @Test
    void headThatStartsButDoesNotFinishGets408AndClose() {
        timer.awaitRequest();
        advance(IDLE - HEAD);
        receive("GET /slow HT");

        advance(HEAD - 1);
        assertThat(channel.isOpen()).isTrue();
        assertThat((Object) channel.readOutbound()).isNull();

        advance(1);
        FullHttpResponse response = channel.readOutbound();
        try {
            assertThat(response.status().code()).isEqualTo(408);
            assertThat(response.headers().get(HttpHeaderNames.CONNECTION)).isEqualToIgnoringCase("close");
        } finally {
            response.release();
        }
        assertThat(channel.isOpen()).isFalse();
    }

    @Test
    void startedHeadIsNotClosedByTheIdleTimerAndHasOnlyHeaderReadTimeout() {
        timer.awaitRequest();
        receive("G");
        // The idle timer was replaced by the head timer, which alone decides.
        advance(HEAD);
        FullHttpResponse response = channel.readOutbound();
        assertThat(response.status().code()).isEqualTo(408);
        response.release();
    }

    @Test
    void completeHeadCancelsTheTimer() {
        timer.awaitRequest();
        receive("GET / HTTP/1.1\r\nHost: x\r\n\r\n");
        timer.requestReceived();

        advance(IDLE * 10);
        assertThat(channel.isOpen()).isTrue();
        assertThat((Object) channel.readOutbound()).isNull();
    }

    @Test
    void nextIdlePeriodStartsAfterTheExchange() {
        timer.awaitRequest();
        receive("GET / HTTP/1.1\r\nHost: x\r\n\r\n");
        timer.requestReceived();
        advance(IDLE * 2);

        timer.awaitRequest();
        advance(IDLE - 1);
        assertThat(channel.isOpen()).isTrue();
        advance(1);
        assertThat(channel.isOpen()).isFalse();
    }

    @Test
    void bytesDuringAnExchangeDoNotStartTheHeadTimer() {
        timer.requestReceived();
        receive("body bytes");
        advance(HEAD * 10);
        assertThat(channel.isOpen()).isTrue();
        assertThat((Object) channel.readOutbound()).isNull();
    }
}
