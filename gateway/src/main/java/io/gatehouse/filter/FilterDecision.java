package io.gatehouse.filter;

import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * What a request hook decided: go on, or end the exchange with a local reply.
 *
 * @param headers added to the local reply (such as {@code Retry-After}); null for none
 */
public record FilterDecision(HttpResponseStatus status, String detail, HttpHeaders headers) {

    /** An already completed decision to go on, shared to keep the synchronous path allocation-free. */
    public static final CompletionStage<FilterDecision> CONTINUE =
            CompletableFuture.completedStage(new FilterDecision(null, null, null));

    public static CompletionStage<FilterDecision> respond(HttpResponseStatus status, String detail) {
        return CompletableFuture.completedStage(new FilterDecision(status, detail, null));
    }

    public static CompletionStage<FilterDecision> respond(HttpResponseStatus status, String detail,
                                                          HttpHeaders headers) {
        return CompletableFuture.completedStage(new FilterDecision(status, detail, headers));
    }

    public boolean proceeds() {
        return status == null;
    }
}
