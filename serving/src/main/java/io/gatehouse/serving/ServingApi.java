package io.gatehouse.serving;

import com.fasterxml.jackson.databind.JsonNode;
import io.gatehouse.internal.NanoClock;
import io.netty.buffer.ByteBuf;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import java.util.Map;

/**
 * Maps a request to its endpoint. Metadata, statistics and health answer on the event loop from in-memory state; infer and
 * predict parse and run on the inference workers; load, unload and index run on the loader thread.
 */
final class ServingApi {

    /** Work on a parsed request body, off the event loop. */
    private interface BodyWork {
        Reply apply(JsonNode body, RequestTimer timer) throws Exception;
    }

    private static final int SMALL_BODY = 64 * 1024;
    private static final String PREDICT = ":predict";

    private final OipEndpoints oip;
    private final TfServingEndpoints tf;
    private final RepositoryEndpoints repository;
    private final InferenceWorkers workers;
    private final NanoClock clock;

    ServingApi(OipEndpoints oip, TfServingEndpoints tf, RepositoryEndpoints repository, InferenceWorkers workers,
               NanoClock clock) {
        this.oip = oip;
        this.tf = tf;
        this.repository = repository;
        this.workers = workers;
        this.clock = clock;
    }

    CompletableFuture<Reply> handle(FullHttpRequest request) {
        RequestPath path = RequestPath.of(request.uri());
        if (path.startsWith("v2")) {
            return v2(request, path);
        }
        if (path.startsWith("v1", "models") && path.size() >= 3) {
            return v1(request, path);
        }
        throw ApiException.notFound("no endpoint at " + request.uri());
    }

    private CompletableFuture<Reply> v2(FullHttpRequest request, RequestPath path) {
        int size = path.size();
        if (size == 1) {
            return now(request, HttpMethod.GET, oip::server);
        }
        if (path.startsWith("v2", "health") && size == 3 && path.get(2).equals("live")) {
            return now(request, HttpMethod.GET, () -> Reply.ok(Map.of("live", true)));
        }
        if (path.startsWith("v2", "health") && size == 3 && path.get(2).equals("ready")) {
            return now(request, HttpMethod.GET, () -> Reply.ok(Map.of("ready", true)));
        }
        if (path.startsWith("v2", "repository", "index") && size == 3) {
            method(request, HttpMethod.POST);
            return repository.index();
        }
        if (path.startsWith("v2", "repository", "models") && size == 5) {
            method(request, HttpMethod.POST);
            String model = model(path.get(3));
            JsonNode body = smallBody(request);
            return switch (path.get(4)) {
                case "load" -> repository.load(model, body);
                case "unload" -> repository.unload(model, body);
                default -> throw ApiException.notFound("no endpoint at " + request.uri());
            };
        }
        if (path.startsWith("v2", "models") && size >= 3) {
            String model = model(path.get(2));
            int next = 3;
            Long version = null;
            if (size >= 5 && path.get(3).equals("versions")) {
                version = RequestPath.version(path.get(4));
                next = 5;
            }
            Long chosen = version;
            if (size == next) {
                return now(request, HttpMethod.GET, () -> oip.metadata(model, chosen));
            }
            if (size == next + 1 && path.get(next).equals("ready")) {
                return now(request, HttpMethod.GET, () -> oip.ready(model, chosen));
            }
            if (size == next + 1 && path.get(next).equals("stats")) {
                return now(request, HttpMethod.GET, () -> oip.stats(model, chosen));
            }
            if (size == next + 1 && path.get(next).equals("infer")) {
                method(request, HttpMethod.POST);
                return offLoop(request, (body, timer) -> oip.infer(model, chosen, body, timer));
            }
        }
        throw ApiException.notFound("no endpoint at " + request.uri());
    }

    private CompletableFuture<Reply> v1(FullHttpRequest request, RequestPath path) {
        int size = path.size();
        String last = path.get(size - 1);
        boolean predict = last.endsWith(PREDICT);
        String model = path.get(2);
        Long version = null;
        int next = 3;
        if (size == 3 && predict) {
            model = last.substring(0, last.length() - PREDICT.length());
        } else if (size >= 5 && path.get(3).equals("versions")) {
            version = RequestPath.version(size == 5 && predict ? last.substring(0, last.length() - PREDICT.length())
                    : path.get(4));
            next = 5;
        }
        String name = model(model);
        Long chosen = version;
        if (predict && size == Math.max(next, 3)) {
            method(request, HttpMethod.POST);
            return offLoop(request, (body, timer) -> tf.predict(name, chosen, body, timer));
        }
        if (!predict && size == next) {
            return now(request, HttpMethod.GET, () -> tf.status(name, chosen));
        }
        if (!predict && size == next + 1 && last.equals("metadata")) {
            return now(request, HttpMethod.GET, () -> tf.metadata(name, chosen));
        }
        throw ApiException.notFound("no endpoint at " + request.uri());
    }

    private static CompletableFuture<Reply> now(FullHttpRequest request, HttpMethod allowed,
                                                Supplier<Reply> answer) {
        method(request, allowed);
        return CompletableFuture.completedFuture(answer.get());
    }

    /**
     * Hands the body to a worker, which owns and releases it; a full queue releases it here and answers 503. The
     * request's timer starts here and ends with the worker's answer.
     */
    private CompletableFuture<Reply> offLoop(FullHttpRequest request, BodyWork work) {
        ByteBuf body = request.content().retain();
        long queued = clock.nanoTime();
        try {
            return workers.submit(() -> {
                RequestTimer timer = new RequestTimer(clock, queued);
                try {
                    Reply reply = work.apply(JsonBodies.parse(body), timer);
                    timer.succeeded();
                    return reply;
                } catch (Exception | Error e) {
                    timer.failed();
                    throw e;
                }
            });
        } catch (RuntimeException e) {
            body.release();
            throw e;
        }
    }

    private static JsonNode smallBody(FullHttpRequest request) {
        if (request.content().readableBytes() > SMALL_BODY) {
            throw new ApiException(HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE,
                    "request body is larger than " + SMALL_BODY + " bytes, expected a small JSON object");
        }
        return JsonBodies.parse(request.content().retain());
    }

    private static void method(FullHttpRequest request, HttpMethod allowed) {
        if (!request.method().equals(allowed)) {
            throw new ApiException(HttpResponseStatus.METHOD_NOT_ALLOWED, request.method() + " " + request.uri()
                    + " is not allowed, expected " + allowed);
        }
    }

    private static String model(String name) {
        if (!ModelRepository.isModelName(name)) {
            throw ApiException.badRequest("model name '" + name + "' is not valid: expected letters, digits,"
                    + " '_', '-' and '.', not starting with '.' or '-'");
        }
        return name;
    }
}
