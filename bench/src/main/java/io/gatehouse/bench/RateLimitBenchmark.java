package io.gatehouse.bench;

import io.gatehouse.auth.AuthResources;
import io.gatehouse.auth.AuthServices;
import io.gatehouse.auth.Consumers;
import io.gatehouse.config.ConfigLoader;
import io.gatehouse.config.FilterSpec;
import io.gatehouse.config.GatewayConfig;
import io.gatehouse.context.RequestContext;
import io.gatehouse.filter.Filter;
import io.gatehouse.filter.FilterContext;
import io.gatehouse.filter.FilterFactory;
import io.gatehouse.filter.FilterRegistry;
import io.gatehouse.internal.NanoClock;
import io.gatehouse.model.ModelRegistry;
import io.gatehouse.observe.GatewayMetrics;
import io.gatehouse.ratelimit.RateLimiter;
import io.gatehouse.ratelimit.local.LocalRateLimiter;
import io.gatehouse.routing.PathVariables;
import io.netty.buffer.ByteBuf;
import io.netty.channel.DefaultEventLoop;
import io.netty.channel.EventLoop;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseEncoder;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * What a local token-bucket limit adds to one exchange on its event loop: the {@code rate-limit} filter's request
 * and response hooks and the encoding of the response head with the {@code RateLimit} fields it adds. {@code none}
 * does the same exchange work (context, response head, encoding) without the filter; the difference is the
 * limiter's cost per request. Clients come from 1,024 addresses, so the key cache sees many keys.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class RateLimitBenchmark {

    private static final int CLIENTS = 1024;
    private static final String CONFIG = """
            limiters:
              bench: { key: client-address, token-bucket: { capacity: 100000000, rate: 100000000/s } }
            upstreams:
              origin: { endpoints: [ { address: "127.0.0.1:8080" } ] }
            routes:
              - { name: all, match: { prefix: / }, upstream: origin, filters: [ { rate-limit: { limiters: [bench] } } ] }
            """;

    @Param({"none", "local"})
    public String limit;

    private final String[] clients = new String[CLIENTS];
    private final InetSocketAddress peer = new InetSocketAddress("127.0.0.1", 40000);
    private final EventLoop loop = new DefaultEventLoop();
    private final EmbeddedChannel encoder = new EmbeddedChannel(new HttpResponseEncoder());
    private final AuthServices auth = AuthServices.create();
    private HttpRequest request;
    private Filter filter;
    private int next;

    @Setup
    public void prepare() {
        for (int i = 0; i < CLIENTS; i++) {
            clients[i] = "10.0." + (i / 256) + "." + (i % 256);
        }
        request = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, "/");
        if (limit.equals("local")) {
            FilterRegistry registry = FilterRegistry.builtins();
            GatewayConfig config = new ConfigLoader(registry, name -> null).parse(CONFIG, "bench.yaml");
            RateLimiter limiter = new LocalRateLimiter(config.limiters().get("bench"), NanoClock.SYSTEM);
            FilterSpec spec = config.routes().get(0).filters().get(0);
            filter = create(registry.find(spec.name()).orElseThrow(), spec.settings(),
                    new FilterContext("all", 0, Map.of("bench", limiter), new GatewayMetrics(),
                            new AuthResources(Consumers.NONE, auth), Map.of(), new ModelRegistry()));
        }
    }

    @SuppressWarnings("unchecked")
    private static <S> Filter create(FilterFactory<S> factory, Object settings, FilterContext context) {
        return factory.create((S) settings, context);
    }

    @TearDown
    public void close() {
        encoder.finishAndReleaseAll();
        loop.shutdownGracefully();
        auth.close();
    }

    @Benchmark
    public int exchange() {
        String client = clients[next++ & (CLIENTS - 1)];
        RequestContext ctx = new RequestContext("id", "all", peer, client, PathVariables.NONE, loop, 0);
        if (filter != null) {
            filter.onRequest(ctx, request).toCompletableFuture().join();
        }
        HttpResponse response = new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK);
        response.headers().set(HttpHeaderNames.CONTENT_LENGTH, 64).set(HttpHeaderNames.CONTENT_TYPE, "text/plain");
        if (filter != null) {
            filter.onResponse(ctx, response);
        }
        encoder.writeOutbound(response, LastHttpContent.EMPTY_LAST_CONTENT);
        int bytes = 0;
        for (ByteBuf out; (out = encoder.readOutbound()) != null; ) {
            bytes += out.readableBytes();
            out.release();
        }
        return bytes;
    }
}
