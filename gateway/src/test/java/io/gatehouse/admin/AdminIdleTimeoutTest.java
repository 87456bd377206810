package io.gatehouse.admin;

import static org.assertj.core.api.Assertions.assertThat;

import io.gatehouse.config.AdminConfig;
import io.gatehouse.model.ModelControl;
import io.gatehouse.proxy.RouteRuntime;
import io.gatehouse.testing.LeakDetectionExtension;
import io.gatehouse.upstream.Upstream;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.timeout.IdleStateHandler;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The admin listener's idle timeout on an embedded channel whose clock the test moves: an idle connection closes,
 * one whose answer is still being worked on (a reload here, a model load in practice) does not.
 */
@ExtendWith(LeakDetectionExtension.class)
class AdminIdleTimeoutTest {

    private static final int IDLE = AdminHandler.IDLE_TIMEOUT_SECONDS;

    private final CompletableFuture<ReloadOutcome> reload = new CompletableFuture<>();
    private final EmbeddedChannel channel = new EmbeddedChannel();

    AdminIdleTimeoutTest() {
        channel.freezeTime();
        channel.pipeline().addLast(new IdleStateHandler(0, 0, IDLE), new HttpServerCodec(),
                new HttpObjectAggregator(1024), new AdminHandler(new PendingReload(reload),
                        AdminAccess.of(new AdminConfig("127.0.0.1", 0))));
    }

    @AfterEach
    void close() {
        channel.finishAndReleaseAll();
    }

    private void advance(long seconds) {
        channel.advanceTimeBy(seconds, TimeUnit.SECONDS);
        channel.runScheduledPendingTasks();
    }

    @Test
    void aConnectionIdleForTheTimeoutCloses() {
        advance(IDLE - 1);
        assertThat(channel.isOpen()).isTrue();
        advance(1);
        assertThat(channel.isOpen()).isFalse();
    }

    @Test
    void aConnectionWaitingForItsAnswerStaysOpenAndTheTimeoutCountsFromTheAnswer() {
        channel.writeInbound(Unpooled.copiedBuffer("POST /admin/reload HTTP/1.1\r\nHost: admin\r\n"
                + "Content-Length: 0\r\n\r\n", StandardCharsets.US_ASCII));
        advance(IDLE * 3);
        assertThat(channel.isOpen()).isTrue();
        assertThat((Object) channel.readOutbound()).isNull();

        reload.complete(ReloadOutcome.applied(false));
        channel.runPendingTasks();
        ByteBuf answer = channel.readOutbound();
        try {
            assertThat(answer.toString(StandardCharsets.US_ASCII)).startsWith("HTTP/1.1 200 OK");
        } finally {
            answer.release();
        }
        advance(IDLE - 1);
        assertThat(channel.isOpen()).isTrue();
        advance(1);
        assertThat(channel.isOpen()).isFalse();
    }

    /** Operations whose reload completes when the test says so. */
    private record PendingReload(CompletableFuture<ReloadOutcome> reload) implements AdminOperations {

        @Override
        public boolean ready() {
            return true;
        }

        @Override
        public CompletionStage<ReloadOutcome> reload(String trigger) {
            return reload;
        }

        @Override
        public List<RouteRuntime> routes() {
            return List.of();
        }

        @Override
        public Map<String, String> redisStates() {
            return Map.of();
        }

        @Override
        public List<Upstream> upstreams() {
            return List.of();
        }

        @Override
        public ModelControl modelControl() {
            return null;
        }

        @Override
        public String scrapeMetrics() {
            return "";
        }
    }
}
