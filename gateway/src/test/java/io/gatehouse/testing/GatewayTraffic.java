package io.gatehouse.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Requests through a {@link TestGateway}, one after another on one kept-alive client connection (so on one event
 * loop), reconnecting when the gateway closed it; and counts of what origins received.
 */
public final class GatewayTraffic implements AutoCloseable {

    private final TestGateway gateway;
    private RawHttpClient client;

    public GatewayTraffic(TestGateway gateway) {
        this.gateway = gateway;
    }

    /** A GET of {@code path}; its response, body kept. */
    public RawResponse get(String path) {
        try {
            if (client == null) {
                client = RawHttpClient.connect(gateway.port());
            }
            RawResponse response = client.write("GET " + path + " HTTP/1.1\r\nHost: gatehouse.test\r\n\r\n")
                    .readResponse();
            if ("close".equalsIgnoreCase(response.header("connection"))) {
                client.close();
                client = null;
            }
            return response;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code count} GETs of {@code prefix/0}, {@code prefix/1}, ...; their responses in order. */
    public List<RawResponse> get(String prefix, int count) {
        List<RawResponse> responses = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            responses.add(get(prefix + "/" + i));
        }
        return responses;
    }

    /** The statuses of {@link #get(String, int)}. */
    public List<Integer> statuses(String prefix, int count) {
        return get(prefix, count).stream().map(RawResponse::status).toList();
    }

    /** The statuses of {@code count} GETs of {@code path} itself, e.g. a path an origin scripts. */
    public List<Integer> repeat(String path, int count) {
        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            statuses.add(get(path).status());
        }
        return statuses;
    }

    /** How many requests {@code origin} received whose path starts with {@code prefix}. */
    public static int received(TestOrigin origin, String prefix) {
        return (int) origin.requests().stream().filter(request -> request.path().startsWith(prefix)).count();
    }

    @Override
    public void close() {
        TestResources.closeAll(client);
        client = null;
    }
}
