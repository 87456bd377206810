package io.gatehouse.model;

import io.gatehouse.config.ModelProtocol;
import io.gatehouse.context.RequestContext;
import io.gatehouse.filter.BodyFilter;
import io.gatehouse.filter.FilterDecision;
import io.gatehouse.filter.RequestBody;
import io.gatehouse.proxy.Json;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.time.Duration;
import java.util.concurrent.CompletionStage;

/**
 * The model filter of the OpenAI-style API: the request body's {@code model} field names a model or one of its
 * aliases; the body goes to the backend with the model's backend name there instead, and the version is chosen,
 * queued and forwarded as for every model API. {@code GET /models} lists every OpenAI-style model and alias.
 */
final class OpenAiModelFilter implements BodyFilter {

    private final ModelFilter routing;
    private final ModelRegistry registry;
    private final int bodyCap;

    /** @param bodyCap the API's {@code max-body}: the most a request body may hold, read whole */
    OpenAiModelFilter(ModelFilter routing, ModelRegistry registry, int bodyCap) {
        this.routing = routing;
        this.registry = registry;
        this.bodyCap = bodyCap;
    }

    @Override
    public int bodyCap() {
        return bodyCap;
    }

    @Override
    public CompletionStage<FilterDecision> onRequest(RequestContext ctx, HttpRequest request, RequestBody body) {
        ApiRequest call = routing.parse(request);
        if (call == null) {
            return routing.unknownEndpoint(request);
        }
        if (call.kind() == ApiRequest.Kind.MODEL_LIST) {
            return FilterDecision.respond(HttpResponseStatus.OK, modelList());
        }
        OpenAiBody.ModelField field;
        try {
            field = OpenAiBody.model(body.content());
        } catch (OpenAiBody.BadBody e) {
            return FilterDecision.respond(HttpResponseStatus.BAD_REQUEST, e.getMessage());
        }
        ModelView model = find(field.value());
        if (model == null) {
            return FilterDecision.respond(HttpResponseStatus.NOT_FOUND, "model \"" + field.value()
                    + "\" not found");
        }
        if (!field.value().equals(model.backendName())) {
            body.replace(OpenAiBody.withModel(body.content(), field, model.backendName()));
        }
        return routing.forward(ctx, request, model, call.withModel(model.name()));
    }

    /** The OpenAI-style model named or aliased {@code name}; null when there is none. */
    private ModelView find(String name) {
        ModelView named = registry.model(name);
        if (named != null) {
            return named.protocol() == ModelProtocol.OPENAI ? named : null;
        }
        for (ModelView model : registry.current().values()) {
            if (model.protocol() == ModelProtocol.OPENAI && model.aliases().contains(name)) {
                return model;
            }
        }
        return null;
    }

    private String modelList() {
        StringBuilder json = new StringBuilder("{\"object\":\"list\",\"data\":[");
        for (ModelView model : registry.current().values()) {
            if (model.protocol() != ModelProtocol.OPENAI) {
                continue;
            }
            entry(json, model.name());
            model.aliases().forEach(alias -> entry(json, alias));
        }
        return json.append("]}").toString();
    }

    private static void entry(StringBuilder json, String id) {
        if (json.charAt(json.length() - 1) == '}') {
            json.append(',');
        }
        json.append("{\"id\":").append(Json.quote(id))
                .append(",\"object\":\"model\",\"owned_by\":\"gatehouse\"}");
    }

    @Override
    public Duration ownTimeout(RequestContext ctx) {
        return routing.ownTimeout(ctx);
    }

    @Override
    public void onResponse(RequestContext ctx, HttpResponse response) {
        routing.onResponse(ctx, response);
    }

    @Override
    public void onComplete(RequestContext ctx) {
        routing.onComplete(ctx);
    }
}
