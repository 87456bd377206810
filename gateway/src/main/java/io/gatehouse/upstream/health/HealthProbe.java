package io.gatehouse.upstream.health;

import io.gatehouse.config.HealthCheckConfig;
import io.gatehouse.upstream.Endpoint;
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpStatusClass;
import io.netty.handler.codec.http.HttpVersion;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * One check of an endpoint on a fresh connection: connected is enough for TCP; for HTTP a {@code GET} whose
 * response status must be one of the expected ones. The whole check is bounded by the timeout, reports exactly
 * once, and closes its connection as soon as it knows the answer. Runs on its channel's event loop.
 */
final class HealthProbe extends SimpleChannelInboundHandler<HttpObject> {

    static final String USER_AGENT = "gatehouse-health-check";

    /** @param detail what was seen: the status, or why the check failed */
    record Result(boolean healthy, String detail) {
    }

    private final Endpoint endpoint;
    private final HealthCheckConfig config;
    private final Consumer<Result> onResult;
    private Channel channel;
    private ScheduledFuture<?> deadline;
    private boolean finished;

    private HealthProbe(Endpoint endpoint, HealthCheckConfig config, Consumer<Result> onResult) {
        this.endpoint = endpoint;
        this.config = config;
        this.onResult = onResult;
    }

    /**
     * Starts a check with {@code bootstrap} (group, channel type and connect timeout set); must run on the
     * bootstrap's event loop.
     */
    static HealthProbe start(Bootstrap bootstrap, Endpoint endpoint, HealthCheckConfig config,
                             Consumer<Result> onResult) {
        HealthProbe probe = new HealthProbe(endpoint, config, onResult);
        ChannelFuture connect = bootstrap.clone().handler(new ChannelInitializer<>() {
            @Override
            protected void initChannel(Channel ch) {
                if (config.http()) {
                    ch.pipeline().addLast("codec", new HttpClientCodec());
                }
                ch.pipeline().addLast("probe", probe);
            }
        }).connect(endpoint.address());
        probe.channel = connect.channel();
        probe.deadline = probe.channel.eventLoop().schedule(
                () -> probe.finish(false, "no answer within " + config.timeout().toMillis() + " ms"),
                config.timeout().toNanos(), TimeUnit.NANOSECONDS);
        connect.addListener(f -> probe.connected(f.isSuccess() ? null : f.cause()));
        return probe;
    }

    /** Abandons the check without reporting it; does nothing to a check that has ended. */
    void cancel() {
        finished = true;
        stop();
    }

    private void connected(Throwable failure) {
        if (failure != null) {
            finish(false, "connect failed: " + reason(failure));
        } else if (!config.http()) {
            finish(true, "connected");
        } else {
            channel.writeAndFlush(request()).addListener(f -> {
                if (!f.isSuccess()) {
                    finish(false, "request not sent: " + reason(f.cause()));
                }
            });
        }
    }

    private FullHttpRequest request() {
        FullHttpRequest request = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, config.path(),
                Unpooled.EMPTY_BUFFER);
        request.headers()
                .set(HttpHeaderNames.HOST, endpoint.authority())
                .set(HttpHeaderNames.USER_AGENT, USER_AGENT)
                .set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        return request;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, HttpObject message) {
        if (message.decoderResult().isFailure()) {
            finish(false, "malformed response: " + message.decoderResult().cause());
        } else if (message instanceof HttpResponse response && !informational(response.status())) {
            int status = response.status().code();
            boolean expected = config.statuses().contains(status);
            finish(expected, "status " + status + (expected ? "" : ", expected " + config.statuses()));
        }
    }

    /** A 1xx other than 101 comes before the final response (the decoder goes on to the next head). */
    private static boolean informational(HttpResponseStatus status) {
        return status.codeClass() == HttpStatusClass.INFORMATIONAL
                && status.code() != HttpResponseStatus.SWITCHING_PROTOCOLS.code();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        finish(false, "connection closed before a response");
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        finish(false, "connection failed: " + reason(cause));
    }

    /** Netty's messages name the cause and the address ("Connection refused: /10.0.0.7:8080"). */
    private static String reason(Throwable cause) {
        return cause.getMessage() != null ? cause.getMessage() : cause.getClass().getSimpleName();
    }

    private void finish(boolean healthy, String detail) {
        if (finished) {
            return;
        }
        finished = true;
        stop();
        onResult.accept(new Result(healthy, detail));
    }

    private void stop() {
        deadline.cancel(false);
        channel.close();
    }
}
