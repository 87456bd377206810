package io.gatehouse.model;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpRequest;

/**
 * The Open Inference Protocol v2 with its repository extension (KServe, Triton, the embedded model server): loads
 * and unloads name exactly one version through the {@code versions} parameter.
 */
final class OpenInferenceManagement implements ManagementApi {

    @Override
    public HttpRequest.Builder load(URI base, String backendName, String version) {
        return repository(base, backendName, "load", version);
    }

    @Override
    public HttpRequest.Builder unload(URI base, String backendName, String version) {
        return repository(base, backendName, "unload", version);
    }

    @Override
    public HttpRequest.Builder readiness(URI base, String backendName, String version) {
        return HttpRequest.newBuilder(base.resolve("/v2/models/" + ManagementApi.encode(backendName) + "/versions/"
                + ManagementApi.encode(version) + "/ready")).GET();
    }

    @Override
    public boolean ready(int status, JsonNode body, String backendName) {
        return status == 200;
    }

    private static HttpRequest.Builder repository(URI base, String backendName, String action, String version) {
        String body = "{\"parameters\": {\"versions\": [" + JsonText.quote(version) + "]}}";
        return HttpRequest.newBuilder(base.resolve("/v2/repository/models/" + ManagementApi.encode(backendName)
                        + "/" + action))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
    }
}
