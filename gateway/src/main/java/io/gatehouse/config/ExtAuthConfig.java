package io.gatehouse.config;

import java.net.URI;
import java.time.Duration;
import java.util.List;

/**
 * The settings of the {@code ext-auth} authentication method: an authorization service asked about each request.
 *
 * @param url             the request's path (and query) is appended to this URL's path
 * @param forwardHeaders  request headers sent to the service
 * @param upstreamHeaders headers of the service's 2xx answer that are added to the forwarded request
 * @param allowOnFailure  let the request through when the service fails or times out, instead of a 503
 * @param consumerHeader  the header of the service's answer that names the consumer
 */
public record ExtAuthConfig(URI url, List<String> forwardHeaders, List<String> upstreamHeaders, Duration timeout,
                            boolean allowOnFailure, String consumerHeader) implements AuthMethodConfig {

    public ExtAuthConfig {
        forwardHeaders = List.copyOf(forwardHeaders);
        upstreamHeaders = List.copyOf(upstreamHeaders);
    }

    @Override
    public String method() {
        return ExtAuthSection.METHOD;
    }
}
