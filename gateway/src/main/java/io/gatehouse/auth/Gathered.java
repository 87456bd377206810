package io.gatehouse.auth;

import io.netty.handler.codec.http.HttpHeaders;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * What the methods that authenticated a request established: the first one's consumer, every method's scopes
 * and the headers each wants forwarded.
 */
record Gathered(Identity identity, List<HttpHeaders> upstreamHeaders) {

    Gathered(AuthOutcome first) {
        this(first.identity(), first.upstreamHeaders() == null ? List.of() : List.of(first.upstreamHeaders()));
    }

    Gathered and(AuthOutcome next) {
        Set<String> scopes = new HashSet<>(identity.scopes());
        scopes.addAll(next.identity().scopes());
        List<HttpHeaders> headers = new ArrayList<>(upstreamHeaders);
        if (next.upstreamHeaders() != null) {
            headers.add(next.upstreamHeaders());
        }
        return new Gathered(new Identity(identity.consumer(), identity.method(), scopes), headers);
    }
}
