package io.gatehouse.model;

import com.fasterxml.jackson.databind.JsonNode;
import io.gatehouse.config.ModelProtocol;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;

/**
 * How the backends of one protocol load, unload and report exactly one version of a model. Requests are built
 * against an endpoint's base URI ({@code http://ip:port}).
 */
interface ManagementApi {

    /** The request that loads the version; null (the default) when the backend loads nothing on request. */
    default HttpRequest.Builder load(URI base, String backendName, String version) {
        return null;
    }

    /** The request that unloads the version; null (the default) when the backend unloads nothing on request. */
    default HttpRequest.Builder unload(URI base, String backendName, String version) {
        return null;
    }

    /** The request that asks whether the version serves. */
    HttpRequest.Builder readiness(URI base, String backendName, String version);

    /** Whether the answer to {@link #readiness} says the version serves. */
    boolean ready(int status, JsonNode body, String backendName);

    /** The protocol's API; a model that is not managed gets only readiness, whatever its protocol. */
    static ManagementApi of(ModelProtocol protocol, boolean managed) {
        ManagementApi api = switch (protocol) {
            case OPEN_INFERENCE_V2 -> new OpenInferenceManagement();
            case TORCHSERVE -> new TorchServeManagement();
            case TFSERVING -> new TfServingManagement();
            case OPENAI -> new OpenAiManagement();
        };
        return managed ? api : new ReadinessOnly(api);
    }

    /** A path segment or query value, percent-encoded. */
    static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** Another API's readiness, with no load or unload calls: for unmanaged models. */
    record ReadinessOnly(ManagementApi api) implements ManagementApi {

        @Override
        public HttpRequest.Builder readiness(URI base, String backendName, String version) {
            return api.readiness(base, backendName, version);
        }

        @Override
        public boolean ready(int status, JsonNode body, String backendName) {
            return api.ready(status, body, backendName);
        }
    }
}
