package io.gatehouse.filter.headers;

import io.gatehouse.context.RequestContext;
import io.gatehouse.filter.Filter;
import io.gatehouse.filter.FilterDecision;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import java.util.concurrent.CompletionStage;

/** Adds, sets and removes request and response headers. */
final class HeadersFilter implements Filter {

    private final HeadersSettings settings;

    HeadersFilter(HeadersSettings settings) {
        this.settings = settings;
    }

    @Override
    public CompletionStage<FilterDecision> onRequest(RequestContext ctx, HttpRequest request) {
        settings.request().applyTo(request.headers());
        return FilterDecision.CONTINUE;
    }

    @Override
    public void onResponse(RequestContext ctx, HttpResponse response) {
        settings.response().applyTo(response.headers());
    }
}
