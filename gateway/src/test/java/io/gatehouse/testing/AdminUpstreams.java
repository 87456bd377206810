package io.gatehouse.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

/**
 * A {@link TestGateway}'s {@code GET /admin/upstreams}, parsed, with waits on what it shows: the observable state
 * tests of health, ejection and discovery wait for instead of sleeping.
 */
public final class AdminUpstreams {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration WAIT = Duration.ofSeconds(10);

    private final AdminClient admin;

    public AdminUpstreams(TestGateway gateway) {
        this.admin = new AdminClient(gateway);
    }

    /** The whole view: an array of upstreams. */
    public JsonNode all() {
        HttpResponse<String> response = admin.get("/admin/upstreams");
        if (response.statusCode() != 200) {
            throw new AssertionError("GET /admin/upstreams answered " + response.statusCode() + ": "
                    + response.body());
        }
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The upstream of this name; fails when the view has none. */
    public JsonNode upstream(String name) {
        JsonNode upstream = find(all(), name);
        if (upstream == null) {
            throw new AssertionError("no upstream \"" + name + "\" in /admin/upstreams: " + all());
        }
        return upstream;
    }

    /** The endpoint of {@code upstream} with this address ({@code host:port}), or null. */
    public JsonNode endpoint(String upstream, String address) {
        return endpointOf(upstream(upstream), address);
    }

    /** {@code healthy}, {@code unhealthy} or {@code ejected}; fails when there is no such endpoint. */
    public String health(String upstream, String address) {
        JsonNode endpoint = endpoint(upstream, address);
        if (endpoint == null) {
            throw new AssertionError("no endpoint " + address + " in upstream \"" + upstream + "\": "
                    + upstream(upstream));
        }
        return endpoint.get("health").asText();
    }

    /** The addresses of the upstream's endpoints, in the order shown. */
    public List<String> addresses(String upstream) {
        List<String> addresses = new ArrayList<>();
        upstream(upstream).get("endpoints").forEach(endpoint -> addresses.add(endpoint.get("address").asText()));
        return addresses;
    }

    public void awaitHealth(String upstream, String address, String health) {
        await(upstream + " endpoint " + address + " " + health, view -> {
            JsonNode endpoint = endpointOf(find(view, upstream), address);
            return endpoint != null && endpoint.get("health").asText().equals(health);
        });
    }

    /** Waits until the upstream lists exactly these endpoint addresses, in any order. */
    public void awaitAddresses(String upstream, Collection<String> addresses) {
        Set<String> expected = Set.copyOf(addresses);
        await(upstream + " listing exactly " + expected, view -> {
            JsonNode found = find(view, upstream);
            if (found == null) {
                return false;
            }
            List<String> shown = new ArrayList<>();
            found.get("endpoints").forEach(endpoint -> shown.add(endpoint.get("address").asText()));
            return shown.size() == expected.size() && expected.containsAll(shown);
        });
    }

    /** Waits until {@code condition} holds for the whole view; the failure shows the last view seen. */
    public void await(String what, Predicate<JsonNode> condition) {
        JsonNode[] last = new JsonNode[1];
        try {
            Eventually.await(what, WAIT, () -> condition.test(last[0] = all()));
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + "; /admin/upstreams showed " + last[0], e);
        }
    }

    /** The upstream of this name in {@code view}, or null. */
    public static JsonNode find(JsonNode view, String name) {
        for (JsonNode upstream : view) {
            if (upstream.get("name").asText().equals(name)) {
                return upstream;
            }
        }
        return null;
    }

    /** The endpoint with this address in an upstream's entry (which may be null), or null. */
    public static JsonNode endpointOf(JsonNode upstream, String address) {
        if (upstream == null) {
            return null;
        }
        for (JsonNode endpoint : upstream.get("endpoints")) {
            if (endpoint.get("address").asText().equals(address)) {
                return endpoint;
            }
        }
        return null;
    }
}
