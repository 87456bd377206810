package io.gatehouse.auth;

import io.gatehouse.config.ConsumerConfig;
import io.gatehouse.context.RequestContext;
import io.gatehouse.routing.PathVariables;
import io.netty.handler.codec.http.DefaultHttpRequest;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpVersion;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;

/** Contexts, requests and consumers for authenticator tests. */
final class AuthTestSupport {

    private AuthTestSupport() {
    }

    static RequestContext context() {
        return new RequestContext("r-1", "api", new InetSocketAddress("127.0.0.1", 5000), "127.0.0.1",
                PathVariables.NONE, null, 0);
    }

    static HttpRequest get(String uri, String... headerNamesAndValues) {
        HttpRequest request = new DefaultHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, uri);
        for (int i = 0; i < headerNamesAndValues.length; i += 2) {
            request.headers().add(headerNamesAndValues[i], headerNamesAndValues[i + 1]);
        }
        return request;
    }

    static ConsumerConfig consumer(String name, List<ConsumerConfig.KeyCredential> keys,
                                   List<ConsumerConfig.BasicCredential> users) {
        return new ConsumerConfig(name, List.of("staff"), Map.of(), keys, users, List.of());
    }
}
