package io.gatehouse.admin;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.handler.timeout.IdleStateEvent;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The admin API's requests: small, aggregated, answered as JSON (metrics as Prometheus text). A connection on which
 * nothing was read or written for {@link #IDLE_TIMEOUT_SECONDS} is closed, unless an answer is still being worked
 * on: a model load answers when the backends are ready, however long {@code load-timeout} allows.
 */
final class AdminHandler extends SimpleChannelInboundHandler<FullHttpRequest> {

    static final int IDLE_TIMEOUT_SECONDS = 60;

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(AdminHandler.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PROMETHEUS_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private final AdminOperations operations;
    private final AdminAccess access;
    private final ModelsAdmin models;
    /** Requests read and not yet answered on this connection; its event loop only. */
    private int answering;

    AdminHandler(AdminOperations operations, AdminAccess access) {
        this.operations = operations;
        this.access = access;
        this.models = new ModelsAdmin(operations.modelControl());
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
        answering++;
        boolean keepAlive = HttpUtil.isKeepAlive(request);
        if (request.decoderResult().isFailure()) {
            send(ctx, false, json(ctx, HttpResponseStatus.BAD_REQUEST, Map.of("error", "malformed request")));
            return;
        }
        String path = new QueryStringDecoder(request.uri()).path();
        HttpMethod method = request.method();
        if (!access.permits(path, request)) {
            // Which part was wrong (none, malformed, another token) is nobody's business but the operator's.
            LOG.debug("admin request for {} refused: missing or wrong bearer token", path);
            FullHttpResponse refused = json(ctx, HttpResponseStatus.UNAUTHORIZED,
                    Map.of("error", "a valid admin bearer token is required"));
            refused.headers().set(HttpHeaderNames.WWW_AUTHENTICATE, "Bearer realm=\"gatehouse-admin\"");
            send(ctx, keepAlive, refused);
            return;
        }
        if (path.equals(ModelsAdmin.PREFIX) || path.startsWith(ModelsAdmin.PREFIX + "/")) {
            String body = request.content().toString(java.nio.charset.StandardCharsets.UTF_8);
            models.handle(method, path, body).whenComplete((answer, error) -> ctx.executor().execute(
                    () -> send(ctx, keepAlive, json(ctx, answer.status(), answer.body()))));
            return;
        }
        switch (path) {
            case "/healthz" -> onlyGet(ctx, keepAlive, method, () -> json(ctx, HttpResponseStatus.OK,
                    Map.of("status", "live")));
            case "/readyz" -> onlyGet(ctx, keepAlive, method, () -> readiness(ctx));
            case "/admin/routes" -> onlyGet(ctx, keepAlive, method, () -> json(ctx, HttpResponseStatus.OK,
                    RoutesView.of(operations.routes())));
            case "/admin/upstreams" -> onlyGet(ctx, keepAlive, method, () -> json(ctx, HttpResponseStatus.OK,
                    UpstreamsView.of(operations.upstreams())));
            case "/metrics" -> onlyGet(ctx, keepAlive, method, () -> text(ctx, operations.scrapeMetrics()));
            case "/admin/reload" -> {
                if (!HttpMethod.POST.equals(method)) {
                    send(ctx, keepAlive, notAllowed(ctx, "POST"));
                } else {
                    operations.reload("admin API").whenComplete((outcome, error) -> ctx.executor().execute(
                            () -> send(ctx, keepAlive, reloadResponse(ctx, outcome, error))));
                }
            }
            default -> send(ctx, keepAlive, json(ctx, HttpResponseStatus.NOT_FOUND,
                    Map.of("error", "no admin endpoint at " + path)));
        }
    }

    private void onlyGet(ChannelHandlerContext ctx, boolean keepAlive, HttpMethod method,
                         java.util.function.Supplier<FullHttpResponse> answer) {
        send(ctx, keepAlive, HttpMethod.GET.equals(method) || HttpMethod.HEAD.equals(method)
                ? answer.get() : notAllowed(ctx, "GET"));
    }

    /**
     * Ready or not, with the Redis connections of cluster-wide limiters for operators to see. A Redis that is down
     * does not make the node unready: its limiters answer by their failure policy.
     */
    private FullHttpResponse readiness(ChannelHandlerContext ctx) {
        boolean ready = operations.ready();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", ready ? "ready" : "not ready");
        Map<String, String> redis = operations.redisStates();
        if (!redis.isEmpty()) {
            body.put("redis", redis);
        }
        return json(ctx, ready ? HttpResponseStatus.OK : HttpResponseStatus.SERVICE_UNAVAILABLE, body);
    }

    private static FullHttpResponse reloadResponse(ChannelHandlerContext ctx, ReloadOutcome outcome, Throwable error) {
        if (error != null) {
            return json(ctx, HttpResponseStatus.INTERNAL_SERVER_ERROR, Map.of("applied", false,
                    "errors", List.of(String.valueOf(error))));
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("applied", outcome.applied());
        body.put("changed", outcome.changed());
        body.put("errors", outcome.errors());
        return json(ctx, outcome.applied() ? HttpResponseStatus.OK : HttpResponseStatus.BAD_REQUEST, body);
    }

    private static FullHttpResponse notAllowed(ChannelHandlerContext ctx, String allow) {
        FullHttpResponse response = json(ctx, HttpResponseStatus.METHOD_NOT_ALLOWED,
                Map.of("error", "method not allowed", "allow", allow));
        response.headers().set(HttpHeaderNames.ALLOW, allow);
        return response;
    }

    private static FullHttpResponse json(ChannelHandlerContext ctx, HttpResponseStatus status, Object body) {
        try {
            return response(ctx, status, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(body) + "\n",
                    "application/json");
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("admin response could not be rendered", e);
        }
    }

    private static FullHttpResponse text(ChannelHandlerContext ctx, String body) {
        return response(ctx, HttpResponseStatus.OK, body, PROMETHEUS_TYPE);
    }

    private static FullHttpResponse response(ChannelHandlerContext ctx, HttpResponseStatus status, String body,
                                             String type) {
        ByteBuf content = ByteBufUtil.writeUtf8(ctx.alloc(), body);
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status, content);
        response.headers().set(HttpHeaderNames.CONTENT_TYPE, type)
                .setInt(HttpHeaderNames.CONTENT_LENGTH, content.readableBytes());
        return response;
    }

    private void send(ChannelHandlerContext ctx, boolean keepAlive, FullHttpResponse response) {
        answering--;
        HttpUtil.setKeepAlive(response, keepAlive);
        var future = ctx.writeAndFlush(response);
        if (!keepAlive) {
            future.addListener(ChannelFutureListener.CLOSE);
        }
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) throws Exception {
        if (event instanceof IdleStateEvent && answering == 0) {
            ctx.close();
        } else {
            super.userEventTriggered(ctx, event);
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        ctx.close();
    }
}
