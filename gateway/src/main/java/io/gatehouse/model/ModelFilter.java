package io.gatehouse.model;

import io.gatehouse.auth.Identities;
import io.gatehouse.config.ShadowConfig;
import io.gatehouse.config.TrafficConfig;
import io.gatehouse.context.AttributeKey;
import io.gatehouse.context.RequestContext;
import io.gatehouse.filter.Filter;
import io.gatehouse.filter.FilterDecision;
import io.gatehouse.observe.GatewayMetrics;
import io.gatehouse.observe.ModelMeters;
import io.gatehouse.proxy.ExchangeTap;
import io.gatehouse.proxy.Forwarding;
import io.gatehouse.upstream.Upstream;
import io.gatehouse.upstream.lb.RandomSource;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.util.AsciiString;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletionStage;

/**
 * Serves one model API: reads the model and version the path names, chooses a version when it names none (traffic
 * split, sticky callers, the {@code X-Model-Version} override), checks that it is AVAILABLE, queues inference calls
 * in the version's bounded queue and forwards to the backend's own path for that version. A sample of the inference
 * calls it forwards is mirrored to the model's shadow version, if it has one, through {@link ShadowTraffic}.
 */
final class ModelFilter implements Filter {

    static final AsciiString MODEL_VERSION = AsciiString.cached("x-model-version");
    private static final AttributeKey<ModelCall> CALL = AttributeKey.of("model-call");
    private static final String RETRY_AFTER_SECONDS = "1";

    /** The version an exchange went to, and what it holds of the version's queue. */
    private static final class ModelCall {
        final String version;
        final ModelMeters meters;
        VersionQueue.Ticket ticket;
        VersionOutcomes.Tracked outcomes;
        ShadowMirror mirror;
        Upstream shadowUpstream;
        int status = 499;
        /** Set when the exchange ended: a queue grant that arrives after that must start no mirror. */
        boolean ended;

        ModelCall(String version, ModelMeters meters) {
            this.version = version;
            this.meters = meters;
        }
    }

    private final InferenceApi api;
    private final String prefix;
    private final ModelRegistry registry;
    private final Map<String, Upstream> upstreams;
    private final GatewayMetrics metrics;
    private final RandomSource random;

    ModelFilter(InferenceApi api, String prefix, ModelRegistry registry, Map<String, Upstream> upstreams,
                GatewayMetrics metrics, RandomSource random) {
        this.api = api;
        this.prefix = prefix;
        this.registry = registry;
        this.upstreams = upstreams;
        this.metrics = metrics;
        this.random = random;
    }

    @Override
    public CompletionStage<FilterDecision> onRequest(RequestContext ctx, HttpRequest request) {
        ApiRequest call = parse(request);
        if (call == null) {
            return unknownEndpoint(request);
        }
        switch (call.kind()) {
            case SERVER_LIVE:
                return FilterDecision.respond(HttpResponseStatus.OK, "{\"live\":true}");
            case SERVER_READY:
                return ready();
            default:
                break;
        }
        ModelView model = registry.model(call.model());
        if (model == null || model.protocol() != api.protocol()) {
            return notFound("model \"" + call.model() + "\" not found");
        }
        return forward(ctx, request, model, call);
    }

    /** What the request's path asks of the API; null when it is none of the API's endpoints. */
    ApiRequest parse(HttpRequest request) {
        String path = path(request.uri());
        int at = path.indexOf(prefix);
        return at < 0 ? null : api.parse(request.method().name(), path.substring(at + prefix.length()));
    }

    CompletionStage<FilterDecision> unknownEndpoint(HttpRequest request) {
        return notFound("no " + api.protocol().configName() + " endpoint at " + request.method() + " "
                + path(request.uri()));
    }

    private static String path(String uri) {
        int queryAt = uri.indexOf('?');
        return queryAt < 0 ? uri : uri.substring(0, queryAt);
    }

    /** Chooses the version of {@code model} that answers, then queues the call and sends it to the backend. */
    CompletionStage<FilterDecision> forward(RequestContext ctx, HttpRequest request, ModelView model,
                                            ApiRequest call) {
        int queryAt = request.uri().indexOf('?');
        String query = queryAt < 0 ? "" : request.uri().substring(queryAt);
        VersionView version = choose(ctx, model, call, request);
        if (version == null) {
            return call.selector() == null && request.headers().get(MODEL_VERSION) == null
                    ? unavailable("model \"" + model.name() + "\" has no AVAILABLE version")
                    : notFound("model \"" + model.name() + "\" has no " + what(call) + " \"" + selector(call, request)
                    + "\"");
        }
        VersionQueue queue = registry.load().queue(model.name(), version.version(), model.queue());
        ModelCall state = new ModelCall(version.version(), metrics.forModelVersion(model.name(), version.version(),
                queue::inFlight, queue::queued));
        ctx.set(CALL, state);
        if (!version.available()) {
            return unavailable("version " + version.version() + " of model \"" + model.name() + "\" is "
                    + version.state() + (version.error() == null ? "" : ": " + version.error()));
        }
        Upstream upstream = upstreams.get(version.upstream());
        if (upstream == null) {
            return unavailable("upstream \"" + version.upstream() + "\" of version " + version.version()
                    + " is not in the current config");
        }
        if (model.rollback() != null) {
            state.outcomes = registry.outcomes().track(model.name(), version.version(), model.rollback().window(),
                    state.meters);
        }
        Forwarding.to(ctx, upstream, api.backendPath(model.backendName(), version.version(), call) + query);
        if (call.kind() != ApiRequest.Kind.INFER) {
            return FilterDecision.CONTINUE;
        }
        state.ticket = queue.acquire(ctx.eventLoop());
        return state.ticket.result().thenCompose(grant -> switch (grant) {
            case GRANTED -> {
                mirror(ctx, state, model, version, call, query, request);
                yield FilterDecision.CONTINUE;
            }
            case QUEUE_FULL -> unavailable("the queue of version " + version.version() + " of model \""
                    + model.name() + "\" is full");
            case TIMED_OUT -> unavailable("version " + version.version() + " of model \"" + model.name()
                    + "\" did not take the request in time");
        });
    }

    /**
     * Mirrors the call to the model's shadow version when the draw picks it, the shadow is AVAILABLE and is not
     * the version the call goes to anyway.
     */
    private void mirror(RequestContext ctx, ModelCall state, ModelView model, VersionView primary, ApiRequest call,
                        String query, HttpRequest request) {
        ShadowConfig shadow = state.ended ? null : model.shadow();
        VersionView version = shadow == null ? null : model.resolve(shadow.version());
        if (version == null || !version.available() || version.version().equals(primary.version())
                || !upstreams.containsKey(version.upstream())
                || !ShadowTraffic.sampled(shadow.percent(), random.current())) {
            return;
        }
        VersionQueue queue = registry.load().queue(model.name(), version.version(), model.queue());
        ModelMeters meters = metrics.forModelVersion(model.name(), version.version(), queue::inFlight,
                queue::queued);
        String target = api.backendPath(model.backendName(), version.version(), call) + query;
        state.mirror = registry.shadows().start(model.name(), version.version(), shadow, meters,
                request.method().name(), target, request.headers().get(HttpHeaderNames.CONTENT_TYPE));
        if (state.mirror != null) {
            state.shadowUpstream = upstreams.get(version.upstream());
            ExchangeTap.attach(ctx, state.mirror);
        }
    }

    /** The version the path, the override header or the traffic split names; null when it names none. */
    private VersionView choose(RequestContext ctx, ModelView model, ApiRequest call, HttpRequest request) {
        String selector = call.selector();
        if (selector != null) {
            return switch (call.selectorKind()) {
                case VERSION -> model.versions().get(selector);
                case LABEL -> model.labels().containsKey(selector) ? model.resolve(selector) : null;
                default -> model.resolve(selector);
            };
        }
        String override = request.headers().get(MODEL_VERSION);
        if (override != null) {
            return model.resolve(override);
        }
        return TrafficSplit.choose(model, stickyKey(model.traffic(), ctx, request), random.current());
    }

    private static String stickyKey(TrafficConfig traffic, RequestContext ctx, HttpRequest request) {
        if (traffic == null) {
            return null;
        }
        if (traffic.stickyConsumer()) {
            return Identities.consumerName(ctx);
        }
        return traffic.stickyHeader() == null ? null : request.headers().get(traffic.stickyHeader());
    }

    private static String what(ApiRequest call) {
        return switch (call.selectorKind()) {
            case VERSION -> "version";
            case LABEL -> "label";
            default -> "version or label";
        };
    }

    private static String selector(ApiRequest call, HttpRequest request) {
        return call.selector() != null ? call.selector() : request.headers().get(MODEL_VERSION);
    }

    /** Ready when every model of this API has its default version AVAILABLE. */
    private CompletionStage<FilterDecision> ready() {
        for (ModelView model : registry.current().values()) {
            VersionView version = model.protocol() == api.protocol() ? model.defaultVersion() : null;
            if (model.protocol() == api.protocol() && (version == null || !version.available())) {
                return unavailable("not ready: model \"" + model.name() + "\" has no AVAILABLE default version");
            }
        }
        return FilterDecision.respond(HttpResponseStatus.OK, "{\"ready\":true}");
    }

    private static CompletionStage<FilterDecision> notFound(String detail) {
        return FilterDecision.respond(HttpResponseStatus.NOT_FOUND, detail);
    }

    private static CompletionStage<FilterDecision> unavailable(String detail) {
        HttpHeaders headers = new DefaultHttpHeaders().set(HttpHeaderNames.RETRY_AFTER, RETRY_AFTER_SECONDS);
        return FilterDecision.respond(HttpResponseStatus.SERVICE_UNAVAILABLE, detail, headers);
    }

    /** A call waiting in its version's queue waits at most the queue's timeout, then answers 503 itself. */
    @Override
    public Duration ownTimeout(RequestContext ctx) {
        ModelCall call = ctx.get(CALL);
        return call == null || call.ticket == null ? Duration.ZERO : call.ticket.timeout();
    }

    @Override
    public void onResponse(RequestContext ctx, HttpResponse response) {
        ModelCall call = ctx.get(CALL);
        if (call != null) {
            call.status = response.status().code();
            response.headers().set(MODEL_VERSION, call.version);
        }
    }

    @Override
    public void onComplete(RequestContext ctx) {
        ModelCall call = ctx.get(CALL);
        if (call == null) {
            return;
        }
        call.ended = true;
        if (call.ticket != null) {
            call.ticket.close();
        }
        long nanos = ctx.eventLoop().ticker().nanoTime() - ctx.startNanos();
        call.meters.record(call.status, nanos);
        if (call.outcomes != null) {
            registry.outcomes().record(call.outcomes, call.status, nanos);
        }
        if (call.mirror != null) {
            registry.shadows().finish(call.mirror, call.status,
                    () -> ShadowEndpoints.pick(call.shadowUpstream, ctx.eventLoop()));
        }
    }
}
